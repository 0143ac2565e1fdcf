// Plotly's own animation controls by keyboard (run by ui/keyboard.py through st.html).
//
// Plotly draws ▶ / ❚❚ (layout.updatemenus) and the frame sliders (layout.sliders) in SVG with
// mouse listeners only: no tab stop, no role, no name. Every chart that appears (a
// MutationObserver; Streamlit redraws charts on reruns) gets:
//   ▶ / ❚❚   tabindex 0, role "button", a name; Enter or Space presses it (Plotly listens to
//            "click" on g.updatemenu-button).
//   sliders  tabindex 0, role "slider", aria-valuenow / -valuetext; ← ↓ / → ↑ one frame,
//            Page Up / Down a tenth, Home / End the ends. Plotly listens to "mousedown" on the
//            rail and takes the step nearest the pointer, then "mouseup" on the chart: the key
//            sends both at the centre of the wanted step's tick, so Plotly runs the step itself.
// A slider with a name (a query parameter) also keeps the address on the frame shown.
// The focus ring is CSS (ui/style.py). __NAMES__ is replaced by the page's words.
(() => {
  const state = window.__plotlyKeys || (window.__plotlyKeys = {});
  state.names = __NAMES__;
  if (state.refresh) {  // already watching (a language switch sends new names)
    state.refresh();
    return;
  }
  const BUTTON = ".js-plotly-plot g.updatemenu-button";
  const SLIDER = ".js-plotly-plot g.slider-group";

  const set = (element, attributes) => {
    for (const [name, value] of Object.entries(attributes)) {
      if (element.getAttribute(name) !== value) element.setAttribute(name, value);
    }
  };
  const mouse = (type, target, x, y) => target.dispatchEvent(new MouseEvent(type, {
    bubbles: true, cancelable: true, view: window, button: 0, clientX: x, clientY: y,
  }));
  const centre = (element) => {
    const box = element.getBoundingClientRect();
    return [box.left + box.width / 2, box.top + box.height / 2];
  };

  function buttonName(label) {
    return {"▶": state.names.play, "❚❚": state.names.pause}[label] || label;
  }

  function pressKey(event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();  // Space would scroll the page
    mouse("click", event.currentTarget, ...centre(event.currentTarget));
  }

  // Which visible step is selected (Plotly keeps the slider's options as the group's d3 datum).
  function position(options) {
    return Math.max(0, options._visibleSteps.findIndex((step) => step._index === options.active));
  }

  function describe(group) {
    const options = group.__data__;
    if (!options || !options._visibleSteps) return;
    const prefix = (options.currentvalue && options.currentvalue.prefix) || "";
    const step = options.steps[options.active] || {};
    set(group, {
      role: "slider",
      tabindex: "0",
      "aria-label": prefix.replace(/[=:]\s*$/, "").trim() || state.names.slider,
      "aria-orientation": "horizontal",
      "aria-valuemin": "1",
      "aria-valuemax": String(options._visibleSteps.length),
      "aria-valuenow": String(position(options) + 1),
      "aria-valuetext": `${prefix}${step.label ?? ""}`.trim(),
    });
  }

  function moveTo(group, index) {
    const ticks = group.querySelectorAll("rect.slider-tick-rect");
    const rail = group.querySelector("rect.slider-rail-touch-rect");
    const chart = group.closest(".js-plotly-plot");
    if (!ticks[index] || !rail || !chart) return;
    const [x] = centre(ticks[index]);
    const [, y] = centre(rail);
    mouse("mousedown", rail, x, y);
    mouse("mouseup", chart, x, y);
    describe(group);
  }

  function slideKey(event) {
    const group = event.currentTarget;
    const options = group.__data__;
    if (!options || !options._visibleSteps) return;
    const last = options._visibleSteps.length - 1;
    const now = position(options);
    const page = Math.max(1, Math.round((last + 1) / 10));
    const target = {
      ArrowRight: now + 1, ArrowUp: now + 1, ArrowLeft: now - 1, ArrowDown: now - 1,
      PageUp: now + page, PageDown: now - page, Home: 0, End: last,
    }[event.key];
    if (target === undefined) return;
    event.preventDefault();  // arrows and Home/End would scroll the page
    moveTo(group, Math.min(last, Math.max(0, target)));
  }

  // A slider named after a query parameter (ui/charts/kit.py frame_slider) writes its value into
  // the address as it moves, without a rerun: the lesson link copied after a drag opens on the
  // view shown, and the page reads the value on its next run as if the link had carried it.
  // Streamlit, which did not see the move, rewrites the address on its next run (a language or
  // projector switch) without it: the value is put back (keep) and the redrawn chart is moved to
  // it again (follow), so neither the link nor the view loses what the student had chosen.
  state.kept = state.kept || {};  // page path → {parameter: value}
  function remember(event) {
    const name = event && event.slider && event.slider.name;
    const value = event && event.step && event.step.value;
    if (!name || value === undefined || value === null) return;
    const kept = state.kept[window.location.pathname] ||= {};
    kept[name] = String(value);
    const url = new URL(window.location.href);
    if (url.searchParams.get(name) === String(value)) return;
    url.searchParams.set(name, String(value));
    window.history.replaceState(window.history.state, "", url);
  }

  function keep(original) {
    return function (data, unused, url) {
      try {
        const next = new URL(url, window.location.href);
        const kept = state.kept[next.pathname];
        if (kept && next.pathname === window.location.pathname) {
          for (const [name, value] of Object.entries(kept)) {
            if (!next.searchParams.has(name)) next.searchParams.set(name, value);
          }
          url = next.toString();
        }
      } catch (error) { /* not a URL we can read: leave it as it is */ }
      return original.call(window.history, data, unused, url);
    };
  }
  if (!state.keeping) {
    state.keeping = true;
    window.history.replaceState = keep(window.history.replaceState);
    window.history.pushState = keep(window.history.pushState);
  }

  function follow(chart) {
    const sliders = (chart.layout && chart.layout.sliders) || [];
    if (chart.__followedLayout !== chart.layout) {  // a new figure (a rerun): follow it afresh
      chart.__followedLayout = chart.layout;
      chart.__followed = {};
    }
    const url = new URL(window.location.href);
    sliders.forEach((slider, i) => {
      const want = slider.name && url.searchParams.get(slider.name);
      if (!want) return;
      const index = (slider.steps || []).findIndex((step) => String(step.value) === want);
      if (index === -1) {  // not a value of this chart (new data): the address says what is shown
        delete (state.kept[url.pathname] || {})[slider.name];
        return;
      }
      const done = `${slider.name}=${want}`;
      if (index === slider.active || (chart.__followed || {})[i] === done) return;
      (chart.__followed ||= {})[i] = done;
      const step = slider.steps[index];
      window.Plotly.animate(chart, step.args[0], step.args[1]);
      window.Plotly.relayout(chart, {[`sliders[${i}].active`]: index});
    });
  }

  // Frames are shown without a full redraw (ui/charts/kit.py MOVE: a drag keeps up with the
  // pointer), which leaves the title as it was. The frame's own title is written into the SVG
  // as Plotly writes it (one line: the text itself; more: a tspan per line; the weight from the
  // text's style) and into the
  // figure's layout, so a later full redraw (a resize) draws the same. Plotly.relayout of the
  // title alone doubled the lag behind the pointer (bench/drag.py: 21 → 50 ms).
  const SVG = "http://www.w3.org/2000/svg";
  function retitle(chart, frame) {
    const title = frame && frame.layout && frame.layout.title;
    if (!title || typeof title.text !== "string") return;
    chart.layout.title = Object.assign({}, chart.layout.title, {text: title.text});
    if (chart._fullLayout && chart._fullLayout.title) chart._fullLayout.title.text = title.text;
    const text = chart.querySelector(".gtitle");
    if (!text || text.getAttribute("data-unformatted") === title.text) return;
    const x = text.getAttribute("x"), y = text.getAttribute("y");
    // (\x3c is the less-than sign: a literal one stopped the whole script in the page)
    const lines = title.text.split(/\x3cbr\s*\/?\x3e/i)
      .map((line) => line.replace(/\x3c[^\x3e]*\x3e/g, ""));
    text.textContent = lines.length === 1 ? lines[0] : "";  // one line: Plotly's own form
    if (lines.length > 1) lines.forEach((line, i) => {
      const span = document.createElementNS(SVG, "tspan");
      span.setAttribute("class", "line");
      span.setAttribute("dy", i ? "1.3em" : "0em");
      span.setAttribute("x", x);
      span.setAttribute("y", y);
      span.textContent = line;
      text.appendChild(span);
    });
    text.setAttribute("data-unformatted", title.text);
  }

  function enhance() {
    document.querySelectorAll(BUTTON).forEach((button) => {
      const label = (button.__data__ && button.__data__.label) || button.textContent.trim();
      set(button, {role: "button", tabindex: "0", "aria-label": buttonName(label)});
      if (!button.__keys) {
        button.__keys = true;
        button.addEventListener("keydown", pressKey);
      }
    });
    document.querySelectorAll(SLIDER).forEach((group) => {
      describe(group);
      if (!group.__keys) {
        group.__keys = true;
        group.addEventListener("keydown", slideKey);
      }
      const chart = group.closest(".js-plotly-plot");
      if (chart && window.Plotly) follow(chart);
      if (chart && !chart.__keys && typeof chart.on === "function") {
        chart.__keys = true;  // ▶ and mouse drags move the slider too: keep its value current
        chart.on("plotly_sliderchange", (event) => {
          chart.querySelectorAll("g.slider-group").forEach(describe);
          remember(event);
        });
        chart.on("plotly_animatingframe", (event) => retitle(chart, event && event.frame));
      }
    });
  }

  let queued = false;
  state.refresh = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      enhance();
    });
  };
  new MutationObserver(state.refresh).observe(document.body, {childList: true, subtree: true});
  state.refresh();
})();
