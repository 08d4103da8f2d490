// pbcalc's Monte Carlo worker (see src/ui/mc_workers.rs): runs the ranges of trials of a run the page hands it.
//
// The page posts { kind: 'load', glue, module } as it starts the worker — the URL of the app's wasm-bindgen script
// and the page's compiled WebAssembly.Module (so the worker neither fetches nor compiles it again): the worker
// loads the module at once, often before any run (the page starts workers ahead of a run). A run then posts
// { kind: 'init', settings, kernel } — a scenario file text holding the settings, and the numbers of the page's
// own simulation (Simulation::kernel, a Float64Array: the worker neither reads the scenario nor evaluates its
// periods again) — and { kind: 'range', start, end } messages, a few ahead, so the worker never waits for the
// next one. The worker loads the same module as the page (its start function sees no window and mounts
// nothing), builds its own copy of the simulation (McRange in src/main.rs) and posts
// { kind: 'ready', import_ms, instantiate_ms, compile_ms } (what its start cost), then for each range, in the
// order received, { kind: 'counts', start, end, counts }: that range's counts alone, a BigUint64Array the page
// adds up. On any failure it posts { kind: 'error', message } and the page runs the trials itself. The page
// stops a run, or a worker no run took, by terminating it.
let loaded = null;
let ready = null;

async function load({ glue, module }) {
  const t0 = performance.now();
  const wasm = await import(glue);
  const t1 = performance.now();
  await wasm.default({ module_or_path: module });
  const t2 = performance.now();
  return { wasm, import_ms: t1 - t0, instantiate_ms: t2 - t1 };
}

async function init({ settings, kernel }) {
  const { wasm, import_ms, instantiate_ms } = await loaded;
  const t0 = performance.now();
  const range = new wasm.McRange(settings, kernel);
  const compile_ms = performance.now() - t0;
  self.postMessage({ kind: 'ready', import_ms, instantiate_ms, compile_ms });
  return range;
}

self.onmessage = async (event) => {
  const message = event.data;
  try {
    if (message.kind === 'load') {
      loaded = load(message);
      await loaded;
      return;
    }
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
