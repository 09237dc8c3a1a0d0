/**
 * The signed-in member's views: a separate chunk, loaded only for members, so anonymous visitors
 * never download it.
 */
import type { WidgetModel } from '../state.js';
import { createRequestsModel, type RequestsModel } from './requests-model.js';
import { RequestsView } from './RequestsView.js';
import { RequestView } from './RequestView.js';
import { memberCss } from './styles.js';

const models = new WeakMap<WidgetModel, RequestsModel>();

export function MemberViews({ model }: { model: WidgetModel }) {
  let requests = models.get(model);
  if (!requests) models.set(model, (requests = createRequestsModel(model)));
  const view = model.navigation.view.value;
  if (view.name === 'request') return <RequestView model={model} requests={requests} id={view.id} />;
  return <RequestsView model={model} requests={requests} />;
}

export { memberCss };
