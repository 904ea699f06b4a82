/* "Đăng ký nhận tin": copy buttons for the feed addresses.
 *
 * Without JavaScript each address is a read-only field and a link. This script shows
 * the "Sao chép" buttons and copies the address of the field named by data-portal-copy.
 * External file, no inline handlers: the site works under a strict CSP.
 */
(function () {
  "use strict";

  function copyText(field) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(field.value);
    }
    // Older browsers and plain http: select the text and use the legacy command.
    field.focus();
    field.select();
    return document.execCommand && document.execCommand("copy") ? Promise.resolve() : Promise.reject();
  }

  function init() {
    var root = document.querySelector(".portal-subscribe");
    var copied = (root && root.getAttribute("data-portal-copied")) || "✓";
    var buttons = document.querySelectorAll("[data-portal-copy]");
    for (var i = 0; i < buttons.length; i++) {
      (function (button) {
        var field = document.getElementById(button.getAttribute("data-portal-copy"));
        if (!field) {
          return;
        }
        var label = button.textContent;
        button.hidden = false;
        button.addEventListener("click", function () {
          copyText(field).then(
            function () {
              button.textContent = copied;
              window.setTimeout(function () { button.textContent = label; }, 2000);
            },
            function () {
              field.focus();
              field.select();
            }
          );
        });
        field.addEventListener("focus", function () { field.select(); });
      })(buttons[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
