/* storyline: draws the page's Vega-Lite charts over their server-rendered fallback.
 *
 * Each chart is a JSON block  <script type="application/json" class="vega-spec" data-target="ID">SPEC</script>
 * next to a container  <div class="chart-box" id="ID">…the SVG chart or table drawn by the server…</div>.
 * The chart is embedded in the container and, once drawn, the fallback is removed; when anything fails the
 * fallback stays (and so it does without JavaScript). Expressions are evaluated by vega-interpreter
 * (`ast: true`), so the page's Content-Security-Policy needs no 'unsafe-eval'.
 * Needs, loaded before it: vega.min.js, vega-lite.min.js, vega-interpreter.min.js, vega-embed.min.js.
 */
(function () {
  "use strict";

  var OPTIONS = {
    ast: true,
    actions: false,
    renderer: "svg",
    loader: { target: "_self" } // a point's link (the cited words in its article) opens in this tab
  };

  function embed(block) {
    var box = document.getElementById(block.getAttribute("data-target") || "");
    if (!box || box.getAttribute("data-drawn")) {
      return;
    }
    var spec;
    try {
      spec = JSON.parse(block.textContent);
    } catch (err) {
      console.warn("storyline: unreadable chart spec", box.id, err);
      return;
    }
    var fallback = Array.prototype.slice.call(box.childNodes);
    var holder = document.createElement("div");
    holder.className = "vega-holder";
    box.appendChild(holder);
    var options = Object.assign({}, OPTIONS, { expr: window.vega.expressionInterpreter });
    window.vegaEmbed(holder, spec, options).then(function () {
      fallback.forEach(function (node) { node.remove(); });
      box.setAttribute("data-drawn", "vega");
    }).catch(function (err) {
      holder.remove();
      console.warn("storyline: chart not drawn, the static one stays", box.id, err);
    });
  }

  function embedAll() {
    if (typeof window.vegaEmbed !== "function" || !window.vega || !window.vega.expressionInterpreter) {
      return; // a library did not load: the server's charts stay
    }
    var blocks = document.querySelectorAll('script[type="application/json"].vega-spec');
    Array.prototype.forEach.call(blocks, embed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", embedAll);
  } else {
    embedAll();
  }
})();
