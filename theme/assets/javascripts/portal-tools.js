/* Cổng: article tools — print, copy link, text size.
 *
 * Loaded in <head> without defer, so the reader's text size is applied to
 * <html> before the article is drawn (no flash of the default size). No
 * inline scripts or event handlers: the portal runs under a Content Security
 * Policy. Buttons carry the `hidden` attribute in the HTML and are shown
 * here, so readers without JavaScript never see buttons that do nothing.
 */
(function () {
  "use strict";

  var KEY = "portal-text-size";
  var SIZES = ["90", "100", "115", "130", "150"]; // percent of the normal size
  var NORMAL = "100";
  var root = document.documentElement;

  function storedSize() {
    try {
      var value = window.localStorage.getItem(KEY);
      return SIZES.indexOf(value) >= 0 ? value : NORMAL;
    } catch (error) {
      return NORMAL; // storage disabled (private mode, policy)
    }
  }

  function applySize(value) {
    if (value === NORMAL) {
      root.removeAttribute("data-portal-text-size");
    } else {
      root.setAttribute("data-portal-text-size", value);
    }
  }

  function saveSize(value) {
    try {
      if (value === NORMAL) {
        window.localStorage.removeItem(KEY);
      } else {
        window.localStorage.setItem(KEY, value);
      }
    } catch (error) {
      /* not remembered, still applied */
    }
  }

  applySize(storedSize());

  function announce(tools, text) {
    var status = tools.querySelector("[data-portal-status]");
    if (!status) return;
    // Clear first so the same message is announced again on a second click.
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 50);
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "portal-offscreen";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try {
      done = document.execCommand("copy");
    } catch (error) {
      done = false;
    }
    document.body.removeChild(area);
    return done;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithSelection(text); }
      );
    }
    return Promise.resolve(copyWithSelection(text));
  }

  function currentSize() {
    var value = root.getAttribute("data-portal-text-size");
    return SIZES.indexOf(value) >= 0 ? value : NORMAL;
  }

  function changeSize(action) {
    // From the page, not the storage: it still works when storage is disabled.
    var current = SIZES.indexOf(currentSize());
    var next = NORMAL;
    if (action === "text-smaller") next = SIZES[Math.max(0, current - 1)];
    if (action === "text-larger") next = SIZES[Math.min(SIZES.length - 1, current + 1)];
    applySize(next);
    saveSize(next);
  }

  function onClick(event) {
    var button = event.target.closest ? event.target.closest("[data-portal-action]") : null;
    if (!button) return;
    var tools = event.currentTarget;
    var action = button.getAttribute("data-portal-action");
    if (action === "print") {
      window.print();
    } else if (action === "copy-link") {
      var url = button.getAttribute("data-portal-url") || window.location.href;
      copyText(url).then(function (done) {
        announce(tools, done ? button.getAttribute("data-portal-copied") : button.getAttribute("data-portal-copy-failed"));
      });
    } else if (action.indexOf("text-") === 0) {
      changeSize(action);
    }
  }

  function wire() {
    var all = document.querySelectorAll("[data-portal-tools]");
    for (var i = 0; i < all.length; i++) {
      var tools = all[i];
      if (tools.getAttribute("data-portal-ready")) continue;
      tools.setAttribute("data-portal-ready", "1");
      var hidden = tools.querySelectorAll("[data-portal-js]");
      for (var j = 0; j < hidden.length; j++) hidden[j].hidden = false;
      tools.addEventListener("click", onClick);
    }
    // Material's instant navigation swaps pages without a new DOMContentLoaded.
    if (!wire.subscribed && window.document$ && typeof window.document$.subscribe === "function") {
      wire.subscribed = true;
      window.document$.subscribe(wire);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
})();
