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
      if (chart && !chart.__keys && typeof chart.on === "function") {
        chart.__keys = true;  // ▶ and mouse drags move the slider too: keep its value current
        chart.on("plotly_sliderchange", () => chart.querySelectorAll("g.slider-group")
          .forEach(describe));
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
