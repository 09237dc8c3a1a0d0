/**
 * The signed-in member's views: a separate chunk, loaded only for members, so anonymous visitors
 * never download it.
 */
import type { WidgetModel } from '../state.js';
import { createRequestsModel, type RequestsModel } from './requests-model.js';
import { RequestsView } from './RequestsView.js';
import { RequestView } from './RequestView.js';
import { memberCss } from './styles.js';
import { connectLive } from './live.js';

const models = new WeakMap<WidgetModel, RequestsModel>();

/** The member features of one panel, made on first use: the requests model and its live updates. */
export function memberFeatures(model: WidgetModel): RequestsModel {
  let requests = models.get(model);
  if (!requests) {
    models.set(model, (requests = createRequestsModel(model)));
    connectLive(model, requests, model.launcher);
  }
  return requests;
}

export function MemberViews({ model }: { model: WidgetModel }) {
  const requests = memberFeatures(model);
  const view = model.navigation.view.value;
  if (view.name === 'request') return <RequestView model={model} requests={requests} id={view.id} />;
  return <RequestsView model={model} requests={requests} />;
}

export { memberCss };
