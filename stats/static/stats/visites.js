// One hit per page view, sent to the site itself without cookie (stats/beacon.py): pages may be
// served by a cache in front of the site, which never reaches Django. Visitors without
// JavaScript are not counted.
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !navigator.sendBeacon || document.visibilityState === "prerender") {
    return;
  }
  var data = new URLSearchParams();
  if (script.dataset.page) {
    data.append("page", script.dataset.page);
  }
  navigator.sendBeacon(script.dataset.url, data);
})();
