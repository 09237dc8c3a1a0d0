/**
 * /site.js: the shop's only script besides the widget. It needs no inline
 * handlers, which the CSP forbids, and adds no globals.
 * - "Contact us" buttons (data-porthole-open) call the documented Porthole
 *   commands, so they work before the loader has arrived (the stub queues them).
 * - When the shop has someone signed in (<body data-member>), it tells the
 *   widget who, with a function that fetches a fresh member token from the
 *   shop's own backend whenever the widget needs one (DESIGN §4 and §5).
 * - Signing out of the shop signs the widget out first.
 * - The "Widget theme" switch sets the widget's theme at once, and keeps the choice for the
 *   shop's other pages in sessionStorage (set before the loader arrives: no flash).
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

  var themeSwitch = document.querySelector('[data-widget-theme]');
  var theme = sessionStorage.getItem('demo-widget-theme');
  if (themeSwitch && theme) {
    themeSwitch.value = theme;
    Porthole('config', { theme: theme });
  }
  if (themeSwitch) {
    themeSwitch.addEventListener('change', function () {
      sessionStorage.setItem('demo-widget-theme', themeSwitch.value);
      Porthole('config', { theme: themeSwitch.value });
    });
  }

  document.addEventListener('submit', function (event) {
    if (event.target instanceof Element && event.target.hasAttribute('data-sign-out')) Porthole('logout');
  });
})();
`;
