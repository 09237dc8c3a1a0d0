/**
 * /site.js: the shop's only script besides the widget. "Contact us" buttons
 * (data-porthole-open) call the documented Porthole commands, so they work
 * before the loader has arrived (the stub queues them) and need no inline
 * handlers, which the CSP forbids.
 */
export const siteJs = `document.addEventListener('click', function (event) {
  var target = event.target instanceof Element ? event.target.closest('[data-porthole-open]') : null;
  if (!target) return;
  var subject = target.getAttribute('data-porthole-subject');
  if (subject) Porthole('prefill', { subject: subject });
  Porthole('navigate', 'contact');
});
`;
