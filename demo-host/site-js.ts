/**
 * /site.js: the shop's only script besides the widget. It needs no inline
 * handlers, which the CSP forbids, and adds no globals.
 * - "Contact us" buttons (data-porthole-open) call the documented Porthole
 *   commands, so they work before the loader has arrived (the stub queues them).
 * - When the shop has someone signed in (<body data-member>), it tells the
 *   widget who, with a function that fetches a fresh member token from the
 *   shop's own backend whenever the widget needs one (DESIGN §4 and §5).
 * - Signing out of the shop signs the widget out first.
 */
export const siteJs = `(function () {
  if (document.body.hasAttribute('data-member')) {
    Porthole('identify', {
      jwt: function () {
        return fetch('/member-token', { method: 'POST', headers: { 'x-requested-with': 'demo' } })
          .then(function (r) { return r.json(); })
          .then(function (b) { return b.token; });
      }
    });
  }

  document.addEventListener('click', function (event) {
    var target = event.target instanceof Element ? event.target.closest('[data-porthole-open]') : null;
    if (!target) return;
    var subject = target.getAttribute('data-porthole-subject');
    if (subject) Porthole('prefill', { subject: subject });
    Porthole('navigate', 'contact');
  });

  document.addEventListener('submit', function (event) {
    if (event.target instanceof Element && event.target.hasAttribute('data-sign-out')) Porthole('logout');
  });
})();
`;
