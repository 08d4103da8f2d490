// The generated scenarios of the benchmarks (deterministic: every run measures the same work).

/** Knuth's MMIX linear congruential generator, so every run measures the same scenario. */
function lcg(seed) {
  let s = BigInt(seed);
  return () => {
    s = (s * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn;
    return Number(s >> 11n) / 2 ** 53;
  };
}

/** A scenario file (docs/FORMAT.md) of n branches × 30 indicators × 8 periods. */
export function editScenario(n) {
  const rnd = lcg(0x5eed + n);
  const pick = (k) => Math.floor(rnd() * k);
  const indicators = [];
  for (let i = 0; i < 30; i++) {
    const id = `i${String(i).padStart(2, '0')}`;
    if (i >= 28) {
      indicators.push({ id, name: `否定指标${i}`, kind: 'veto' });
    } else if (i % 4 === 3) {
      indicators.push({ id, name: `定性指标${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'qualitative', weight: 1 + pick(10) });
    } else {
      indicators.push({
        id, name: `定量指标${i}`, kind: i % 2 ? 'elastic' : 'controllable', measure: 'quantitative',
        direction: i % 5 === 4 ? 'lower' : 'higher', unit: '项', decimals: i % 3, base_target: 10 + pick(50),
        weight: 1 + pick(10), tolerance: 0.1,
      });
    }
  }
  const quant = indicators.filter((i) => i.measure === 'quantitative');
  const categories = [0, 1, 2, 3].map((c) => ({
    id: `cat${c}`, name: `类别${c}`,
    coefficients: Object.fromEntries(quant.filter(() => rnd() < 0.3).map((i) => [i.id, Math.round((0.8 + 0.4 * rnd()) * 100) / 100])),
  }));
  const optional_actions = [0, 1, 2, 3].map((a) => ({ id: `a${a}`, name: `自选动作${a}`, points: 1 + a }));
  const branches = [];
  for (let b = 0; b < n; b++) {
    branches.push({
      id: `b${String(b).padStart(4, '0')}`, name: `第${b + 1}党支部`, category: `cat${b % 4}`, members: 10 + pick(40),
      conditions: { infrastructure: 1 + pick(5), personnel: 1 + pick(5), circumstances: 1 + pick(5) },
      grade: 1 + pick(5),
      history: Object.fromEntries(quant.map((i) => [i.id, [0, 1, 2].map(() => Math.round(i.base_target * (0.7 + 0.6 * rnd())))])),
    });
  }
  const periods = [];
  for (let p = 0; p < 8; p++) {
    const records = {};
    for (const b of branches) {
      const actuals = {};
      for (const i of indicators) {
        if (i.kind === 'veto') continue;
        actuals[i.id] = i.measure === 'qualitative' ? 'ABCD'[pick(4)] : Math.round(i.base_target * (0.6 + 0.8 * rnd()) * 10) / 10;
      }
      records[b.id] = {
        actuals,
        vetoes: { i28: rnd() < 0.02, i29: false },
        optional_done: optional_actions.filter(() => rnd() < 0.3).map((a) => a.id),
        evaluation: {
          ballots: { excellent: pick(20), good: pick(15), fair: pick(5), poor: pick(2) },
          peers: 60 + pick(40), superiors: 60 + pick(40),
        },
      };
    }
    periods.push({ id: `2025P${p + 1}`, name: `第${p + 1}期`, records });
  }
  return {
    format: 'pbcalc-scenario', version: 1, name: `基准：${n} 个党支部`,
    indicators, categories, optional_actions, branches, periods,
  };
}

/** A deterministic scenario: n branches, k indicators (every 6th qualitative, one veto), p periods. */
export function simScenario(n, k, p) {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const indicators = [{ id: 'veto', name: '否决', kind: 'veto' }];
  for (let j = 0; j < k - 1; j++) {
    indicators.push(j % 6 === 5
      ? { id: `i${j}`, name: `定性${j}`, kind: 'elastic', measure: 'qualitative', weight: 5 }
      : { id: `i${j}`, name: `定量${j}`, kind: j % 2 ? 'elastic' : 'controllable', measure: 'quantitative',
          direction: j % 4 === 3 ? 'lower' : 'higher', base_target: 10 + j, weight: 5 });
  }
  const branches = Array.from({ length: n }, (_, b) => ({
    id: `b${b}`, name: `支部${b}`, members: 10 + (b % 30), grade: 1 + (b % 5),
    conditions: { infrastructure: 1 + (b % 5), personnel: 1 + ((b * 3) % 5), circumstances: 1 + ((b * 7) % 5) },
  }));
  const periods = Array.from({ length: p }, (_, t) => ({
    id: `p${t}`, name: `第${t + 1}期`,
    records: Object.fromEntries(branches.map((b) => [b.id, {
      actuals: Object.fromEntries(indicators.filter((i) => i.kind !== 'veto').map((i) => [i.id,
        i.measure === 'qualitative' ? 'ABCD'[Math.floor(rnd() * 4)] : Math.round((i.base_target * (0.7 + 0.6 * rnd())) * 10) / 10])),
      vetoes: { veto: rnd() < 0.01 },
      evaluation: { ballots: { excellent: Math.floor(rnd() * 20), good: 5, fair: 2, poor: 1 }, peers: 70 + 30 * rnd(), superiors: 70 + 30 * rnd() },
    }])),
  }));
  return { format: 'pbcalc-scenario', version: 1, name: `基准 ${n}×${k}×${p}`,
    settings: { simulation: { trials: 1000, cycles: 3 } }, indicators, branches, periods };
}
