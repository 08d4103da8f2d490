// pbcalc's Monte Carlo worker (see src/ui/mc_workers.rs): runs the ranges of trials of a run the page hands it.
//
// The page posts { kind: 'init', glue, module, settings, kernel } — the URL of the app's wasm-bindgen script, the
// page's compiled WebAssembly.Module (so the worker neither fetches nor compiles it again), a scenario file text
// holding the settings, and the numbers of the page's own simulation (Simulation::kernel, a Float64Array: the
// worker neither reads the scenario nor evaluates its periods again) — then { kind: 'range', start, end }
// messages, a few ahead, so the worker never waits for the next one. The worker loads the same module as the
// page (its start function sees no window and mounts nothing), builds its own copy of the simulation (McRange in
// src/main.rs) and posts { kind: 'ready', import_ms, instantiate_ms, compile_ms } (what its start cost), then
// for each range, in the order received,
// { kind: 'counts', start, end, counts }: that range's counts alone, a BigUint64Array the page adds up. On any
// failure it posts { kind: 'error', message } and the page runs the trials itself. The page stops a run by
// terminating the worker.
let ready = null;

async function init({ glue, module, settings, kernel }) {
  const t0 = performance.now();
  const wasm = await import(glue);
  const t1 = performance.now();
  await wasm.default({ module_or_path: module });
  const t2 = performance.now();
  const range = new wasm.McRange(settings, kernel);
  const t3 = performance.now();
  self.postMessage({ kind: 'ready', import_ms: t1 - t0, instantiate_ms: t2 - t1, compile_ms: t3 - t2 });
  return range;
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.kind === 'init') {
      ready = init(message);
      await ready;
      return;
    }
    // Ranges that arrive while the module loads wait for it, in their order.
    const range = await ready;
    const counts = range.run(message.start, message.end);
    self.postMessage({ kind: 'counts', start: message.start, end: message.end, counts });
  } catch (err) {
    self.postMessage({ kind: 'error', message: String(err && err.message || err) });
  }
};
