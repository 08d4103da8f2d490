// pbcalc's Monte Carlo worker (see src/ui/mc_workers.rs): runs one contiguous range of the trials of a run.
//
// The page posts one message: { glue, module, scenario, start, end } — the URL of the app's wasm-bindgen script,
// the page's compiled WebAssembly.Module (so the worker neither fetches nor compiles it again), the scenario
// file text, and the range of trials. The worker loads the same module as the page (its start function sees no
// window and mounts nothing), runs trials start..end on its own copy of the compiled scenario (McRange in
// src/main.rs) and posts { kind: 'progress', done, counts } about every 100 ms, then { kind: 'done', done,
// counts }; counts is a BigUint64Array the page adds up. On any failure it posts { kind: 'error', message } and
// the page runs the trials itself. The page stops a run by terminating the worker.
self.onmessage = async (event) => {
  const { glue, module, scenario, start, end } = event.data;
  try {
    const wasm = await import(glue);
    await wasm.default({ module_or_path: module });
    const range = new wasm.McRange(scenario, start, end);
    let last = performance.now();
    while (!range.step(4)) {
      const now = performance.now();
      if (now - last >= 100) {
        last = now;
        self.postMessage({ kind: 'progress', done: range.done(), counts: range.counts() });
      }
    }
    self.postMessage({ kind: 'done', done: range.done(), counts: range.counts() });
    range.free();
  } catch (err) {
    self.postMessage({ kind: 'error', message: String(err && err.message || err) });
  }
};
