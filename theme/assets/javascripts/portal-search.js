/* Cổng: the search results page (portal/search).
 *
 * Reads the page's GET form (?q=…&chuyen-muc=…&tu=…&den=…&sap-xep=…), asks the
 * Pagefind index built with the site (same origin, loaded in chunks), and draws
 * title, date, category and the sapo with the query words highlighted.
 *
 * The index is one Pagefind bundle per year (pagefind/<year>/). A first query
 * searches the newest years (data-recent of them: the newest bundle, the others
 * merged into it, one WebAssembly module for all); older years are merged when
 * the reader asks for them (the "earlier years" button) or picks a "from" month
 * before them, so a first query downloads the same whatever the archive's size.
 * No inline script, no innerHTML from the index, no third-party request.
 *
 * Vietnamese: the query is normalised to NFC (macOS and some keyboards send
 * decomposed marks). The index holds every word folded (no tone marks, đ→d)
 * plus the title and sapo words with their marks but đ written d
 * (portal/writing/search_index.py); the query is rewritten the same way
 * (đ→d, punctuation to spaces), so "duong" finds "đường" while a query typed
 * with marks ranks the exact form first.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-portal-search]");
  if (!root) return;

  var form = root.querySelector("form");
  var input = form.elements.q;
  var category = form.elements["chuyen-muc"];
  var from = form.elements.tu;
  var to = form.elements.den;
  var sort = form.elements["sap-xep"];
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var more = root.querySelector("[data-search-more]");
  var data = root.dataset;
  var perPage = parseInt(data.perPage, 10) || 10;
  var locale = data.lang || "vi";

  var bundleUrl = new URL(data.bundle, document.baseURI).href;
  var periods = (data.periods || "").split(" ").filter(Boolean); // newest first
  var recent = Math.max(1, parseInt(data.recent, 10) || 2);
  var loaded = { folded: 0, exact: 0 }; // how many of `periods` each Pagefind instance holds
  var older = root.querySelector("[data-search-older]");
  var searchAll = false; // the reader asked for every year
  var siteRoot = new URL(data.siteRoot, document.baseURI).pathname;
  var categories = {};
  Array.prototype.forEach.call(category.options, function (option) {
    if (option.value) categories[option.value] = { name: option.textContent.trim(), url: option.dataset.url };
  });

  var instances = { folded: null, exact: null };
  var current = { results: [], shown: 0, terms: [] };
  var sequence = 0;
  var timer = null;
  var queue = Promise.resolve();

  // -- text helpers ----------------------------------------------------------

  /** Lower case without marks and with đ→d: how a query typed on any keyboard compares. */
  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").normalize("NFC");
  }

  /** The query as the index spells it: NFC, lower case, đ written d, punctuation as spaces. */
  function indexQuery(query) {
    return query.normalize("NFC").toLowerCase().replace(/đ/g, "d").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  function core(token) {
    return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  function queryTerms(query) {
    var seen = {};
    return query.toLowerCase().split(/\s+/).map(core).filter(function (term) {
      if (!term || seen[term]) return false;
      seen[term] = true;
      return true;
    });
  }

  /** Indexes of the tokens to highlight: for each term, the exact form if the term has marks
   *  and occurs as typed, else every form that folds to it, else words it begins. */
  function matches(tokens, terms) {
    var lowered = tokens.map(function (t) { return core(t).toLowerCase(); });
    var folded = lowered.map(fold);
    var hits = {};
    terms.forEach(function (term) {
      var plain = fold(term);
      var exact = [], loose = [], prefix = [];
      for (var i = 0; i < tokens.length; i++) {
        if (lowered[i] === term) exact.push(i);
        else if (folded[i] === plain) loose.push(i);
        else if (plain.length > 1 && folded[i].lastIndexOf(plain, 0) === 0) prefix.push(i);
      }
      var chosen = term !== plain && exact.length ? exact : exact.concat(loose);
      if (!chosen.length) chosen = prefix;
      chosen.forEach(function (i) { hits[i] = true; });
    });
    return hits;
  }

  /** Append tokens[start, end) to parent, the words of hits wrapped in <mark> (punctuation left outside). */
  function appendMarked(parent, tokens, hits, start, end) {
    var text = "";
    for (var i = start; i < end; i++) {
      if (i > start) text += " ";
      var token = tokens[i];
      var word = hits[i] ? core(token) : "";
      if (!word) {
        text += token;
        continue;
      }
      var at = token.indexOf(word);
      text += token.slice(0, at);
      if (text) parent.appendChild(document.createTextNode(text));
      var mark = document.createElement("mark");
      mark.textContent = word;
      parent.appendChild(mark);
      text = token.slice(at + word.length);
    }
    if (text) parent.appendChild(document.createTextNode(text));
  }

  /** The excerpt: the article's sapo (stored with the index), query words highlighted. */
  function excerpt(text, terms) {
    var tokens = text.split(/\s+/).filter(Boolean);
    var paragraph = document.createElement("p");
    paragraph.className = "portal-search__excerpt";
    appendMarked(paragraph, tokens, terms.length ? matches(tokens, terms) : {}, 0, tokens.length);
    return paragraph;
  }

  // -- form state and URL ------------------------------------------------------

  function monthValue(value) {
    var m = /^\s*(\d{4})-(\d{1,2})\s*$/.exec(value || "") || /^\s*(\d{1,2})\/(\d{4})\s*$/.exec(value || "");
    if (!m) return "";
    var year = m[1].length === 4 ? m[1] : m[2];
    var month = m[1].length === 4 ? m[2] : m[1];
    if (+month < 1 || +month > 12) return "";
    return year + "-" + (month.length === 1 ? "0" + month : month);
  }

  /** Every YYYY-MM from a to b: a date range is a list of month filter values. */
  function monthsBetween(a, b) {
    var months = [];
    var y = +a.slice(0, 4), m = +a.slice(5, 7);
    var endY = +b.slice(0, 4), endM = +b.slice(5, 7);
    while ((y < endY || (y === endY && m <= endM)) && months.length < 1200) {
      months.push(y + "-" + (m < 10 ? "0" + m : m));
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return months;
  }

  function readForm() {
    return {
      q: input.value.normalize("NFC").replace(/\s+/g, " ").trim(),
      category: category.value,
      from: monthValue(from.value),
      to: monthValue(to.value),
      sort: sort.value,
      all: searchAll
    };
  }

  function fillForm(params) {
    input.value = (params.get("q") || "").normalize("NFC");
    var wanted = params.get("chuyen-muc") || "";
    category.value = categories[wanted] ? wanted : "";
    from.value = monthValue(params.get("tu"));
    to.value = monthValue(params.get("den"));
    sort.value = params.get("sap-xep") === "moi-nhat" ? "moi-nhat" : "";
  }

  function toParams(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.category) params.set("chuyen-muc", state.category);
    if (state.from) params.set("tu", state.from);
    if (state.to) params.set("den", state.to);
    if (state.sort) params.set("sap-xep", state.sort);
    return params;
  }

  function searchOptions(state) {
    var filters = {};
    if (state.category) filters.category = state.category;
    if (state.from || state.to) {
      var a = state.from || data.firstMonth || state.to;
      var b = state.to || data.lastMonth || state.from;
      if (a > b) { var swap = a; a = b; b = swap; }
      filters.month = { any: monthsBetween(a, b) };
    }
    var options = { filters: filters };
    if (state.sort === "moi-nhat" || !indexQuery(state.q)) options.sort = { date: "desc" };
    return options;
  }

  // -- Pagefind ------------------------------------------------------------------

  function periodUrl(index) {
    return bundleUrl + periods[index] + "/";
  }

  /** A Pagefind instance with every year up to `count` merged. Two instances: "folded"
   *  (tone marks ignored) and, for a query typed with marks, "exact" (a second import of
   *  the same bundle, whose files the browser already has). Options such as exact
   *  diacritics apply per merged index, fixed when it is merged, so each kind has its own. */
  function loadPagefind(kind, count) {
    kind = kind || "folded";
    var exact = kind === "exact";
    // Title and sapo words are indexed twice (once with marks); the metadata Pagefind
    // also matches keeps đ, which the query has lost, so it must not weigh in.
    var settings = { baseUrl: siteRoot, ranking: { metaWeights: { title: 0, excerpt: 0, date: 0 } }, exactDiacritics: exact };
    if (!instances[kind]) {
      if (!periods.length) return Promise.reject(new Error("no index"));
      instances[kind] = import(periodUrl(0) + "pagefind.js" + (exact ? "?exact" : "")).then(function (module) {
        return Promise.resolve(module.options(settings)).then(function () {
          loaded[kind] = 1;
          return module;
        });
      });
      instances[kind].catch(function () { instances[kind] = null; loaded[kind] = 0; });
    }
    var wanted = Math.min(count || recent, periods.length);
    return instances[kind].then(function (module) {
      var chain = Promise.resolve();
      while (loaded[kind] < wanted) {
        (function (index) {
          chain = chain.then(function () { return module.mergeIndex(periodUrl(index), settings); });
        })(loaded[kind]);
        loaded[kind] += 1;
      }
      return chain.then(function () { return module; });
    });
  }

  /** A period's first and last month: "2025" is 2025-01…2025-12, "2025-1" 2025-01…2025-06, "2025-2" 2025-07…2025-12,
   *  "2026-q3" (a quarter of the current year) 2026-07…2026-09. */
  function periodSpan(period) {
    var year = period.slice(0, 4), part = period.slice(5);
    if (part.charAt(0) === "q") {
      var last = 3 * Number(part.slice(1));
      return [year + "-" + ("0" + (last - 2)).slice(-2), year + "-" + ("0" + last).slice(-2)];
    }
    return [year + (part === "2" ? "-07" : "-01"), year + (part === "1" ? "-06" : "-12")];
  }
  function firstMonth(period) {
    return periodSpan(period)[0];
  }
  function lastMonth(period) {
    return periodSpan(period)[1];
  }

  /** How many periods (years, half-years or quarters) a search needs: the recent ones, all of them on request, or back to its "from" month. */
  function periodsFor(state) {
    var count = Math.min(recent, periods.length);
    if (state.all) return periods.length;
    if (state.from) {
      for (var index = 0; index < periods.length; index++) {
        if (lastMonth(periods[index]) >= state.from) count = Math.max(count, index + 1);
      }
    } else if (state.to && count && state.to < firstMonth(periods[count - 1])) {
      count = periods.length; // "until" an older period, from the beginning
    }
    return count;
  }

  function showOlder(state) {
    if (!older) return;
    var remaining = periods.length - loaded.folded;
    older.hidden = remaining <= 0 || state.all;
    if (!older.hidden) {
      var oldest = periods[periods.length - 1].slice(0, 4), next = periods[loaded.folded].slice(0, 4); // years, not halves or quarters
      older.textContent = (data.labelOlder || "{years}").replace("{years}", oldest === next ? oldest : oldest + "–" + next);
    }
  }

  /** Pagefind's results for a query (or null) and the form's filters, over `count` years.
   *  A query typed with tone marks is searched twice: first for the exact forms (kept in
   *  the index for title and sapo words) on the "exact" instance, then folded, the exact
   *  matches listed first. Searches run one at a time. */
  function find(text, state, count) {
    var options = searchOptions(state);
    var exactFirst = !!text && !options.sort && text !== fold(text);
    // A word that one year's index does not hold at all is dropped by Pagefind for that
    // year, which would list older articles matching only the other words: a result must
    // match at least one position per word of the query.
    var needed = text ? text.split(" ").filter(function (word, index, all) { return all.indexOf(word) === index; }).length : 0;
    function complete(search) {
      if (needed < 2) return search;
      return { results: search.results.filter(function (result) { return !result.words || result.words.length >= needed; }) };
    }
    function search(kind) {
      return loadPagefind(kind, count).then(function (module) {
        return options.sort ? newestFirst(module, text, options, count) : module.search(text || null, options);
      }).then(complete);
    }
    var job = queue.then(function () {
      if (!exactFirst) return search("folded");
      return search("exact").then(function (exact) {
        return search("folded").then(function (all) {
          var seen = {};
          var results = exact.results.concat(all.results).filter(function (result) {
            if (seen[result.id]) return false;
            seen[result.id] = true;
            return true;
          });
          return { results: results };
        });
      });
    });
    queue = job.catch(function () {});
    return job;
  }

  /** A search sorted newest first, period by period. Merged, Pagefind scores a sorted result
   *  by its rank in its own period's index, so the periods' results came interleaved (the
   *  third newest of one year before the newest of the next). Periods do not overlap and are
   *  newest first, so each is searched alone (a month filter; the index files are the same,
   *  already downloaded) and the results are put one period after the other. */
  function newestFirst(module, text, options, count) {
    var wanted = options.filters.month ? options.filters.month.any : null;
    var results = [];
    // One after the other: Pagefind answers null to a search overtaken by a newer one.
    var chain = Promise.resolve();
    periods.slice(0, count).forEach(function (period) {
      var span = periodSpan(period);
      var months = monthsBetween(span[0], span[1]).filter(function (month) { return !wanted || wanted.indexOf(month) >= 0; });
      if (!months.length) return;
      var filters = {};
      Object.keys(options.filters).forEach(function (name) { filters[name] = options.filters[name]; });
      filters.month = { any: months };
      chain = chain.then(function () {
        return module.search(text || null, { filters: filters, sort: options.sort }).then(function (search) {
          if (!search) throw new Error("search overtaken");
          results = results.concat(search.results);
        });
      });
    });
    return chain.then(function () { return { results: results }; });
  }

  function say(text, state) {
    status.textContent = text;
    status.dataset.state = state || "";
  }

  function format(template, count, query) {
    return template.replace("{count}", count.toLocaleString(locale)).replace("{query}", query);
  }

  function run(history) {
    var state = readForm();
    var hasFilter = !!(state.category || state.from || state.to);
    if (history) {
      var params = toParams(state).toString();
      var url = location.pathname + (params ? "?" + params : "");
      if (url !== location.pathname + location.search) window.history[history](null, "", url);
    }
    var ticket = ++sequence;
    var text = indexQuery(state.q);
    if (!text && !hasFilter) {
      // Nothing to look for: a prompt, or (for a query of punctuation only) "nothing found".
      list.textContent = "";
      more.hidden = true;
      if (state.q) say(format(data.labelNoResults, 0, state.q), "empty");
      else say(data.labelPrompt, "prompt");
      finished(ticket);
      return Promise.resolve();
    }
    say(data.labelLoading, "loading");
    root.setAttribute("aria-busy", "true");
    return find(text, state, periodsFor(state))
      .then(function (search) {
        if (ticket !== sequence || !search) return;
        showOlder(state);
        current = { results: search.results, shown: 0, terms: queryTerms(state.q) };
        list.textContent = "";
        var count = search.results.length;
        if (!count) {
          say(state.q ? format(data.labelNoResults, 0, state.q) : data.labelNoResultsFilters, "empty");
          more.hidden = true;
          return;
        }
        // Announce the count once the first results are on the page.
        return showMore(ticket, false).then(function () {
          if (ticket === sequence) say(format(state.q ? data.labelResultsFor : data.labelResults, count, state.q), "done");
        });
      })
      .catch(function (error) {
        if (ticket !== sequence) return;
        say(data.labelError, "error");
        if (window.console) console.error(error);
      })
      .then(function () { finished(ticket); });
  }

  /** Mark the page idle; data-searches counts finished searches (tests wait on it). */
  function finished(ticket) {
    if (ticket !== sequence) return;
    root.removeAttribute("aria-busy");
    root.dataset.searches = String((parseInt(root.dataset.searches, 10) || 0) + 1);
  }

  function showMore(ticket, focus) {
    var batch = current.results.slice(current.shown, current.shown + perPage);
    current.shown += batch.length;
    more.hidden = current.shown >= current.results.length;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      if (ticket !== sequence) return;
      var first = null;
      items.forEach(function (item) {
        var li = render(item);
        if (!first) first = li;
        list.appendChild(li);
      });
      if (focus && first) first.querySelector("a").focus();
    });
  }

  function render(item) {
    var meta = item.meta || {};
    var li = document.createElement("li");
    li.className = "portal-search__result";

    var heading = document.createElement("h2");
    heading.className = "portal-search__title";
    var link = document.createElement("a");
    link.href = item.url;
    var title = meta.title || item.url;
    var titleTokens = title.split(/\s+/).filter(Boolean);
    appendMarked(link, titleTokens, current.terms.length ? matches(titleTokens, current.terms) : {}, 0, titleTokens.length);
    heading.appendChild(link);
    li.appendChild(heading);

    var line = document.createElement("p");
    line.className = "portal-search__meta";
    if (meta.date) {
      var date = document.createElement("span");
      date.className = "portal-search__date";
      date.textContent = meta.date;
      line.appendChild(date);
    }
    var slug = item.filters && item.filters.category && item.filters.category[0];
    if (slug && categories[slug]) {
      if (line.childNodes.length) line.appendChild(document.createTextNode(" · "));
      var section = document.createElement("a");
      section.className = "portal-search__category";
      section.href = categories[slug].url;
      section.textContent = categories[slug].name;
      line.appendChild(section);
    }
    li.appendChild(line);
    li.appendChild(excerpt(meta.excerpt || "", current.terms));
    return li;
  }

  // -- events ------------------------------------------------------------------------

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run("pushState");
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run("replaceState"); }, 300);
  });
  input.addEventListener("focus", function () { loadPagefind("folded").catch(function () {}); }, { once: true });
  [category, from, to, sort].forEach(function (field) {
    field.addEventListener("change", function () { clearTimeout(timer); run("pushState"); });
  });
  more.addEventListener("click", function () { showMore(sequence, true); });
  if (older) {
    older.addEventListener("click", function () {
      searchAll = true;
      run(null);
    });
  }
  window.addEventListener("popstate", function () {
    fillForm(new URLSearchParams(location.search));
    run(null);
  });

  fillForm(new URLSearchParams(location.search));
  run(null);
})();
