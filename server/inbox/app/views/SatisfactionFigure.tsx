/**
 * With the queue: how customers rated the site's solved requests lately — percent good of those
 * rated, and of how many — as the queue's every page reports it (the server counts; nothing here adds up).
 */
import type { InboxModel } from '../state.js';

export function SatisfactionFigure({ model }: { model: InboxModel }) {
  const figure = model.queue.satisfaction.value;
  if (!figure) return null;
  const { days, rated, good, percentGood } = figure;
  return (
    <p class="satisfaction" title={`${good} of ${rated} ratings in the last ${days} days were good`}>
      <span class="satisfaction-label">Satisfaction, last {days} days</span>
      {percentGood === null ? (
        <span class="muted">No ratings yet</span>
      ) : (
        <>
          <strong class="satisfaction-figure">{percentGood} % good</strong>
          <span class="muted">
            {rated} {rated === 1 ? 'rating' : 'ratings'}
          </span>
        </>
      )}
    </p>
  );
}
