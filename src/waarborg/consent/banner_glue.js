/* waarborg: start vanilla-cookieconsent with the register's configuration and record
   every first choice and every change with waarborg (the consent id is the banner's). */
(function () {
  "use strict";
  var setup = window.WaarborgBanner;
  var style = document.createElement("link");
  style.rel = "stylesheet";
  style.href = setup.css;
  document.head.appendChild(style);

  function record(cookie) {
    var body = JSON.stringify({
      consent_id: cookie.consentId,
      accepted: cookie.categories,
      language: cookie.languageCode || setup.config.language.default
    });
    return fetch(setup.endpoint, {
      method: "POST",
      mode: "cors",
      credentials: "omit",
      keepalive: true,
      headers: { "Content-Type": "application/json" },
      body: body
    }).then(function (answer) {
      document.documentElement.setAttribute("data-waarborg-recorded", String(answer.status));
    });
  }

  var config = Object.assign({}, setup.config, {
    onFirstConsent: function (found) { record(found.cookie); },
    onChange: function (found) { record(found.cookie); }
  });
  window.CookieConsent.run(config);
})();
