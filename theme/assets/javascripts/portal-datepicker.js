/* "Xem tin theo ngày": progressive enhancement of the date picker.
 *
 * Without JavaScript the picker is a calendar of links (partials/portal/datepicker.html).
 * This script reveals a date field: the chosen day opens its page when it has news; the
 * month's days with news come from the small <archive>/YYYY/MM/days.json written by the
 * build. External file, no inline handlers: the site works under a strict CSP.
 */
(function () {
  "use strict";

  function formatDay(parts) {
    return parts[2] + "/" + parts[1] + "/" + parts[0];
  }

  function setup(picker) {
    var form = picker.querySelector("[data-portal-datepicker-form]");
    var input = form && form.querySelector("input[type=date]");
    var status = form && form.querySelector("output");
    // Browsers without a date field show a text box: keep the calendar of links only.
    if (!form || !input || input.type !== "date") {
      return;
    }
    var base = picker.getAttribute("data-archive-url") || "";
    if (base && base.charAt(base.length - 1) !== "/") {
      base += "/";
    }
    var cache = {};

    function daysOf(month) {
      if (!cache[month]) {
        cache[month] = fetch(base + month + "/days.json", { credentials: "same-origin" }).then(function (response) {
          if (response.status === 404) {
            return { days: [] };
          }
          if (!response.ok) {
            throw new Error(String(response.status));
          }
          return response.json();
        });
      }
      return cache[month];
    }

    // The range of days with news: written by the build beside the archive, so that pages
    // need not change whenever news is published on a new day.
    fetch(base + "range.json", { credentials: "same-origin" }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (range) {
      if (range && range.first && range.last) {
        input.min = range.first;
        input.max = range.last;
      }
    }).catch(function () {});

    form.hidden = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var value = input.value;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        input.focus();
        return;
      }
      var parts = value.split("-");
      var target = base + parts[0] + "/" + parts[1] + "/" + parts[2] + "/";
      status.textContent = "";
      daysOf(parts[0] + "/" + parts[1]).then(
        function (data) {
          if (data && data.days && data.days.indexOf(value) !== -1) {
            window.location.href = target;
          } else {
            var message = picker.getAttribute("data-msg-none") || "{date}";
            status.textContent = message.replace("{date}", formatDay(parts));
          }
        },
        function () {
          // No list (opened from disk, network error): try the page itself.
          window.location.href = target;
        }
      );
    });
  }

  function init() {
    var pickers = document.querySelectorAll("[data-portal-datepicker]");
    for (var i = 0; i < pickers.length; i++) {
      setup(pickers[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
