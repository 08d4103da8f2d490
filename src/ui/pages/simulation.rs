//! Monte Carlo simulation (METHOD.md §10) and the sensitivity sweep, on the grades page.
//!
//! The Monte Carlo runs in Web Workers, one per core (see [`crate::ui::mc_workers`]), and the page only adds up
//! their counts; where workers are unavailable or fail to start (and for `?workers=0`), it runs on the page.
//! The sweep, and a Monte Carlo on the page, run in slices of about 30 ms (a timer between slices lets the page
//! repaint and take clicks). Either way with a progress bar and a cancel button. The engine's result does not depend on the slicing, so the same seed
//! gives the same figures however the browser schedules the work. Handles for tests: `run-simulation`
//! starts a run, `simulation-done` appears when it ends.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use crate::engine::sensitivity::{Share, Source};
use crate::engine::{Parameter, Simulation, SimulationResult, Sweep, SweepResult, SweepSpec, Tier};
use crate::i18n::pages::TSim;
use crate::i18n::{Lang, T};
use crate::model::edit::settings::{section, SectionId};
use crate::model::{IndicatorKind, Scenario};
use crate::paging::Paging;
use crate::report::tier_word;
use crate::ui::components::paging::{plain_table, use_paging, LazyTable, Pager};
use crate::ui::format::{fixed, percent};
use crate::ui::hooks::{use_app, use_lang};
use crate::ui::mc_workers::{self, Pool, Status};
use crate::ui::state::{Action, AppState};

/// Milliseconds of work per slice.
const SLICE_MS: f64 = 30.0;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or_else(js_sys::Date::now, |p| p.now())
}

/// A job that advances in slices: the Monte Carlo or the sweep; or a Monte Carlo in workers.
enum Job {
    Simulation(Box<Simulation>),
    Sweep(Box<Sweep>),
    Workers(Box<WorkerRun>),
}

/// A Monte Carlo in workers: the simulation their counts are added to at the end, the workers, the start time.
struct WorkerRun {
    sim: Simulation,
    pool: Pool,
    started: f64,
}

/// The state of a run shown by the page.
#[derive(Clone, PartialEq)]
enum Run {
    Idle,
    Running {
        done: u32,
        total: u32,
    },
    Cancelled,
    /// `workers`: how many workers ran the trials (0: the page, in slices); `timing`: what each did, for the
    /// benchmark (see [`worker_timing`]; empty without workers).
    Finished {
        seconds: f64,
        workers: u32,
        timing: String,
    },
}

#[function_component(SimulationPanel)]
pub fn simulation_panel() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();

    html! {
        <>
            <MonteCarlo />
            <Sensitivity />
            { settings_card(&s, lang, &state) }
        </>
    }
}

fn settings_card(s: &Rc<Scenario>, lang: Lang, state: &UseReducerHandle<AppState>) -> Html {
    super::settings::section(s, section(SectionId::Simulation), lang, state)
}

/// Drives a [`Job`] in slices: `tick` re-renders after each slice, the timer of the next slice is dropped
/// (cancelled) when the run stops or the component goes away.
#[hook]
fn use_sliced(job: Rc<RefCell<Option<Job>>>, run: UseStateHandle<Run>, on_done: Callback<()>) -> UseStateHandle<u64> {
    let tick = use_state(|| 0u64);
    let started = use_mut_ref(|| 0.0f64);
    {
        let (tick, run, job) = (tick.clone(), run.clone(), job.clone());
        let started = started.clone();
        use_effect_with((*tick, (*run).clone()), move |(t, r)| {
            let t = *t;
            let timer = matches!(r, Run::Running { .. }).then(|| {
                if t == 0 {
                    *started.borrow_mut() = now();
                }
                Timeout::new(0, move || {
                    let start = now();
                    let mut finished = false;
                    let progress = {
                        let mut slot = job.borrow_mut();
                        // Cancelled between the scheduling of this slice and its run: nothing to do. Workers
                        // report by themselves.
                        let Some(job) = slot.as_mut().filter(|j| !matches!(j, Job::Workers(_))) else { return };
                        while now() - start < SLICE_MS {
                            finished = match job {
                                Job::Simulation(sim) => sim.run_trials(10),
                                Job::Sweep(sw) => sw.step(),
                                Job::Workers(_) => true,
                            };
                            if finished {
                                break;
                            }
                        }
                        match job {
                            Job::Simulation(sim) => sim.progress(),
                            Job::Sweep(sw) => sw.progress(),
                            Job::Workers(w) => w.sim.progress(),
                        }
                    };
                    if finished {
                        run.set(Run::Finished {
                            seconds: (now() - *started.borrow()) / 1000.0,
                            workers: 0,
                            timing: String::new(),
                        });
                        on_done.emit(());
                    } else {
                        run.set(Run::Running { done: progress.0, total: progress.1 });
                        tick.set(t + 1);
                    }
                })
            });
            move || drop(timer)
        });
    }
    tick
}

/// Where the keyboard focus goes when a run ends: to the summary of its result (`summary`, focusable with
/// `tabindex=-1`) when it finished, back to the button that starts it (`button`) when it was cancelled (the
/// cancel button, which had the focus, is gone).
#[hook]
fn use_focus_after(run: &Run, summary: NodeRef, button: NodeRef) {
    use_effect_with(run.clone(), move |r| {
        let target = match r {
            Run::Finished { .. } => summary.cast::<web_sys::HtmlElement>(),
            Run::Cancelled => button.cast::<web_sys::HtmlElement>(),
            _ => None,
        };
        if let Some(el) = target {
            let _ = el.focus();
        }
    });
}

fn progress_bar(run: &Run, lang: Lang, testid: &'static str) -> Html {
    match run {
        Run::Running { done, total } => html! {
            <div class="progress" data-testid={testid}>
                <progress max={total.to_string()} value={done.to_string()} />
                <span>{ TSim::Running.get(lang) }{"… "}{ done }{" / "}{ total }</span>
            </div>
        },
        Run::Cancelled => html! { <p class="banner banner-warn">{ TSim::Cancelled.get(lang) }</p> },
        _ => html! {},
    }
}

#[function_component(MonteCarlo)]
fn monte_carlo() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let job = use_mut_ref(|| None::<Job>);
    let run = use_state(|| Run::Idle);
    // The result shown: the finished run (also kept in the app state for export), or a cancelled partial one.
    let shown = use_state(|| None::<(Rc<Scenario>, Rc<SimulationResult>)>);

    let on_done = {
        let (job, state, shown) = (job.clone(), state.clone(), shown.clone());
        Callback::from(move |_| {
            let Some(Job::Simulation(sim)) = job.borrow_mut().take() else { return };
            let result = Rc::new(sim.result());
            let sc = state.scenario().clone();
            shown.set(Some((sc.clone(), result.clone())));
            state.dispatch(Action::SimulationDone(sc, result));
        })
    };
    let tick = use_sliced(job.clone(), run.clone(), on_done.clone());
    let running = matches!(*run, Run::Running { .. });
    // The next run's workers load the module while nobody waits: as the card is shown and after each run.
    {
        let trials = s.settings.simulation.trials;
        use_effect_with(running, move |&running| {
            if !running {
                mc_workers::warm_up(mc_workers::worker_count(trials));
            }
        });
        use_effect_with((), |_| mc_workers::cool_down);
    }
    let (summary_ref, run_ref) = (use_node_ref(), use_node_ref());
    use_focus_after(&run, summary_ref.clone(), run_ref.clone());

    let start = {
        let (job, run, s, tick, on_done) = (job.clone(), run.clone(), s.clone(), tick.clone(), on_done.clone());
        Callback::from(move |_| {
            let clicked = now();
            let total = s.settings.simulation.trials;
            // A new run ends the previous one's workers, if any, before new ones start.
            job.borrow_mut().take();
            let on_status = worker_status(Rc::downgrade(&job), run.clone(), tick.clone(), on_done.clone(), total);
            // The page's own simulation: the workers get its numbers, and their counts are added into it (or it
            // runs the trials without them).
            let sim = Simulation::new(&s, &s.settings.simulation);
            let pool = Pool::start(&s, &sim, mc_workers::worker_count(total), on_status);
            *job.borrow_mut() = Some(match pool {
                Some(pool) => Job::Workers(Box::new(WorkerRun { sim, pool, started: clicked })),
                None => Job::Simulation(Box::new(sim)),
            });
            tick.set(0);
            run.set(Run::Running { done: 0, total });
        })
    };
    let cancel = {
        let (job, run, shown, s) = (job.clone(), run.clone(), shown.clone(), s.clone());
        Callback::from(move |_| {
            let partial = match job.borrow_mut().take() {
                Some(Job::Simulation(sim)) => Some(sim.result()),
                // The workers stop; what they counted so far is shown (each worker's first trials).
                Some(Job::Workers(w)) => {
                    let WorkerRun { mut sim, pool, .. } = *w;
                    pool.merge_into(&mut sim);
                    drop(pool);
                    Some(sim.result())
                }
                _ => None,
            };
            if let Some(r) = partial {
                shown.set(Some((s.clone(), Rc::new(r))));
            }
            run.set(Run::Cancelled);
        })
    };
    // Show the last run of this session, or the one kept in the app state (e.g. after visiting another page).
    let result = (*shown).clone().or_else(|| state.simulation.clone());
    let stale = result.as_ref().is_some_and(|(sc, _)| !Rc::ptr_eq(sc, &s));
    html! {
        <section class="card sim" data-testid="simulation">
            <div class="ed-section-head">
                <h3>{"§10 "}{ TSim::Title.get(lang) }</h3>
                <div class="buttons">
                    <button class="primary" onclick={start} disabled={running || s.branches.is_empty()} data-testid="run-simulation" ref={run_ref}>
                        {"▶ "}{ if result.is_some() { TSim::Rerun.get(lang) } else { TSim::Run.get(lang) } }
                    </button>
                    if running {
                        <button class="ghost" onclick={cancel} data-testid="cancel-simulation">{"■ "}{ TSim::Cancel.get(lang) }</button>
                    }
                </div>
            </div>
            <p class="muted">{ TSim::Intro.get(lang) }</p>
            <p class="muted small">
                { format!("{} {} · {} {} · seed {} · P(veto) {} · σ(E) {}",
                    s.settings.simulation.trials, TSim::Trials.get(lang),
                    s.settings.simulation.cycles, TSim::CyclesWord.get(lang),
                    s.settings.simulation.seed, s.settings.simulation.veto_probability, s.settings.simulation.evaluation_sd) }
            </p>
            { progress_bar(&run, lang, "simulation-progress") }
            if let Run::Finished { seconds, workers, timing } = &*run {
                <p class="done" data-testid="simulation-done" data-seconds={format!("{seconds:.4}")} data-workers={workers.to_string()} data-worker-timing={timing.clone()} tabindex="-1" ref={summary_ref}>
                    {"✓ "}{ TSim::Done.get(lang) }{" · "}{ TSim::Took.get(lang) }{" "}
                    <span data-testid="simulation-time">{ format!("{seconds:.3}") }</span>{" "}{ TSim::Seconds.get(lang) }
                    {" · "}{ TSim::ExportNote.get(lang) }
                </p>
            }
            if stale {
                <p class="banner banner-warn">{ TSim::Stale.get(lang) }</p>
            }
            if let Some((sc, r)) = result {
                <SimulationView s={sc} r={r} {lang} />
            }
        </section>
    }
}

/// What the page does on a report of the workers of a run of `total` trials: shows the progress; at the end adds
/// their counts up and finishes as the slices do (`on_done`); when a worker fails, or the counts do not add up,
/// runs the trials on the page instead (from the start). Reports for a run that is over are ignored.
fn worker_status(
    job: std::rc::Weak<RefCell<Option<Job>>>,
    run: UseStateHandle<Run>,
    tick: UseStateHandle<u64>,
    on_done: Callback<()>,
    total: u32,
) -> impl Fn(Status) + 'static {
    move |status: Status| {
        let Some(job) = job.upgrade() else { return };
        let mut slot = job.borrow_mut();
        if !matches!(*slot, Some(Job::Workers(_))) {
            return;
        }
        if !status.failed && !status.finished {
            drop(slot);
            run.set(Run::Running { done: status.done, total });
            return;
        }
        let Some(Job::Workers(w)) = slot.take() else { return };
        let WorkerRun { mut sim, pool, started } = *w;
        let merged = status.finished && !status.failed && pool.merge_into(&mut sim) && sim.is_done();
        if merged {
            *slot = Some(Job::Simulation(Box::new(sim)));
            drop(slot);
            run.set(Run::Finished {
                seconds: (now() - started) / 1000.0,
                workers: pool.count() as u32,
                timing: worker_timing(&pool.timing()),
            });
            on_done.emit(());
        } else {
            // The slices take over, from the first trial (`with_range` forgets any counts added): a tick other
            // than the 0 set at the start wakes them.
            drop(pool);
            *slot = Some(Job::Simulation(Box::new(sim.with_range(0, total))));
            drop(slot);
            tick.set((*tick).wrapping_add(1).max(1));
        }
    }
}

/// What each worker of a run did, for the benchmark (`data-worker-timing`): per worker, separated by `;`, the
/// milliseconds from the start of the run to its `ready` (and that start's parts: loading the script,
/// instantiating the module, compiling the scenario) and to its last range's counts, and its trials and ranges.
fn worker_timing(timing: &[mc_workers::WorkerTiming]) -> String {
    let one = |t: &mc_workers::WorkerTiming| {
        format!(
            "ready {:.0} (import {:.0}, instantiate {:.0}, compile {:.0}) end {:.0} trials {} ranges {}",
            t.ready_ms, t.import_ms, t.instantiate_ms, t.compile_ms, t.end_ms, t.trials, t.ranges
        )
    };
    timing.iter().map(one).collect::<Vec<_>>().join("; ")
}

/// A result shown: the same `Rc`s and language draw the same table.
#[derive(Properties)]
struct ViewProps {
    s: Rc<Scenario>,
    r: Rc<SimulationResult>,
    lang: Lang,
}

impl PartialEq for ViewProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.s, &other.s) && Rc::ptr_eq(&self.r, &other.r) && self.lang == other.lang
    }
}

/// The result's tables, drawn again only when the result or the language changes — not at every progress
/// report of the next run (so the page stays light while workers report).
#[function_component(SimulationView)]
fn simulation_view_component(p: &ViewProps) -> Html {
    // Many branches: their rows in pages (see crate::paging), the data table built when opened.
    let (paging, on_page) = use_paging(p.r.branches.len());
    simulation_view(&p.s, &p.r, p.lang, paging, on_page)
}

fn simulation_view(
    s: &Rc<Scenario>,
    r: &Rc<SimulationResult>,
    lang: Lang,
    paging: Paging,
    on_page: Callback<usize>,
) -> Html {
    let levels = r.levels as usize;
    let g = &s.settings.grades;
    let names: HashMap<&str, &str> = s.branches.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
    html! {
        <div class="sim-result" data-testid="simulation-result" data-trials={r.trials.to_string()}>
            { distributions(s, r, lang, paging.paged(), html! {
            <>
            <Pager paging={paging} on_page={on_page.clone()} label={TSim::Branch.get(lang)} testid="simulation-pager" {lang} />
            <div class="table-wrap">
                <table class="data sim-branches" data-testid="simulation-branches">
                    <thead>
                        <tr>
                            <th>{ TSim::Branch.get(lang) }</th>
                            <th class="num">{ TSim::StartGrade.get(lang) }</th>
                            { for (1..=r.cycles).map(|k| html! { <th>{ TSim::AfterCycle.get(lang).replace("{}", &(r.recorded_cycles + k).to_string()) }</th> }) }
                            <th class="num">{ TSim::PPromoted.get(lang) }</th>
                            <th class="num">{ TSim::PDemoted.get(lang) }</th>
                            <th class="num">{ TSim::ExpectedGrade.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.branches[paging.rows()].iter().map(|b| {
                            let name = names.get(b.branch.as_str()).map_or(b.branch.clone(), |n| n.to_string());
                            html! {
                                <tr data-testid="simulation-row" data-branch={b.branch.clone()}
                                    data-promoted={b.promoted.to_string()} data-demoted={b.demoted.to_string()}
                                    data-expected={b.expected_final_grade.to_string()}>
                                    <td class="name">{ name }</td>
                                    <td class="num"><span class="grade-badge" data-grade={b.grade.to_string()}>{ b.grade }</span></td>
                                    { for b.grades.iter().map(|dist| html! { <td>{ distribution_bar(dist, levels, g, lang) }</td> }) }
                                    <td class="num">{ percent_bar(b.promoted, "up") }</td>
                                    <td class="num">{ percent_bar(b.demoted, "down") }</td>
                                    <td class="num strong">{ fixed(b.expected_final_grade, 2) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            </>
            }) }
            <div class="sim-org">
                <div>
                    <h4>{ TSim::Organisation.get(lang) }</h4>
                    <table class="data compact" data-testid="simulation-organisation">
                        <thead><tr><th>{ TSim::SimCycle.get(lang) }</th><th class="num">{ TSim::Promoted.get(lang) }</th><th class="num">{ TSim::Demoted.get(lang) }</th></tr></thead>
                        <tbody>
                            { for r.organisation.iter().map(|c| html! {
                                <tr>
                                    <td>{ r.recorded_cycles + c.cycle }</td>
                                    <td class="num">{ percent_bar(c.promoted, "up") }</td>
                                    <td class="num">{ percent_bar(c.demoted, "down") }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                <div>
                    <h4>{ TSim::Transition.get(lang) }</h4>
                    { heat_map(r, g, lang) }
                </div>
            </div>
            { super::grade_quotas::simulation_figure(s, r, lang) }
        </div>
    }
}

/// The table of grade distributions as a chart: its legend (the grades' colours, grade 1 at the left) and every
/// distribution's numbers as a data table.
fn distributions(s: &Rc<Scenario>, r: &Rc<SimulationResult>, lang: Lang, lazy: bool, bars: Html) -> Html {
    use crate::i18n::pages::TChart;
    use crate::ui::charts::{data_table, figure, legend, Key};
    const KEYS: [&str; 6] = ["k-g1", "k-g2", "k-g3", "k-g4", "k-g5", "k-gx"];
    let g = &s.settings.grades;
    let keys =
        (1..=r.levels).map(|i| Key::new(KEYS[(i as usize - 1).min(5)], format!("{i} · {}", g.name(i)))).collect();
    let mut head = vec![TSim::Branch.get(lang).to_string(), TSim::SimCycle.get(lang).to_string()];
    head.extend((1..=r.levels).map(|i| format!("{i} · {}", g.name(i))));
    let rows = {
        let (s, r) = (Rc::clone(s), Rc::clone(r));
        move || {
            let names: HashMap<&str, &str> = s.branches.iter().map(|b| (b.id.as_str(), b.name.as_str())).collect();
            let mut rows = Vec::new();
            for b in &r.branches {
                let name = names.get(b.branch.as_str()).map_or(b.branch.clone(), |n| n.to_string());
                for (k, dist) in b.grades.iter().enumerate() {
                    let mut row = vec![
                        name.clone(),
                        TChart::AfterCycle.get(lang).replace("{}", &(r.recorded_cycles + k as u32 + 1).to_string()),
                    ];
                    row.extend((0..r.levels as usize).map(|i| percent(dist.get(i).copied().unwrap_or(0.0))));
                    rows.push(row);
                }
            }
            rows
        }
    };
    // With the branches in pages, the table of every distribution is built when opened.
    let table = if lazy {
        let n = r.branches.iter().map(|b| b.grades.len()).sum::<usize>();
        let build = Callback::from(move |()| plain_table(&head, &rows()));
        html! { <LazyTable summary={TChart::DataTable.get(lang)} rows={n} {build} {lang} /> }
    } else {
        data_table(head, rows(), lang)
    };
    html! {
        <>
            <p class="muted small">{ TChart::DistLegend.get(lang) }</p>
            { figure("dist", Some(TChart::DistTitle.get(lang)), bars, legend(keys), table) }
        </>
    }
}

/// A probability as a number with a small bar behind it.
fn percent_bar(p: f64, class: &'static str) -> Html {
    html! {
        <span class={classes!("pbar", class)} title={format!("{p:.4}")}>
            <span class="fill" style={format!("width: {:.1}%", p * 100.0)}></span>
            <span class="label">{ percent(p) }</span>
        </span>
    }
}

/// A grade distribution as a stacked bar (grade 1 at the left), each part titled with its probability.
fn distribution_bar(dist: &[f64], levels: usize, g: &crate::model::settings::Grades, lang: Lang) -> Html {
    let text: Vec<String> = dist
        .iter()
        .enumerate()
        .filter(|(_, p)| **p > 0.0)
        .map(|(i, p)| format!("{} {}", g.name(i as u32 + 1), percent(*p)))
        .collect();
    html! {
        <div class="dist" role="img" aria-label={format!("{}: {}", TSim::Distribution.get(lang), text.join(", "))} title={text.join("\n")}>
            { for dist.iter().enumerate().filter(|(_, p)| **p > 0.0).map(|(i, p)| html! {
                <span class="part" data-grade={(i + 1).to_string()} data-levels={levels.to_string()}
                    style={format!("flex: {p}")}>{ if *p >= 0.2 { (i + 1).to_string() } else { String::new() } }</span>
            }) }
        </div>
    }
}

fn heat_map(r: &SimulationResult, g: &crate::model::settings::Grades, lang: Lang) -> Html {
    let levels = r.levels as usize;
    html! {
        <table class="heat" data-testid="transition-matrix">
            <thead>
                <tr>
                    <th>{ TSim::Before.get(lang) }{" \\ "}{ TSim::After.get(lang) }</th>
                    { for (1..=levels).map(|a| html! { <th class="num" title={g.name(a as u32)}>{ a }</th> }) }
                </tr>
            </thead>
            <tbody>
                { for (0..levels).rev().map(|b| html! {
                    <tr>
                        <th title={g.name(b as u32 + 1)}>{ b + 1 }</th>
                        { for (0..levels).map(|a| {
                            let p = r.transitions.probabilities.get(b).and_then(|row| row.get(a)).copied().unwrap_or(0.0);
                            let n = r.transitions.counts.get(b).and_then(|row| row.get(a)).copied().unwrap_or(0);
                            let kind = if a > b { "up" } else if a < b { "down" } else { "same" };
                            html! {
                                <td class={classes!("num", kind)} style={format!("--p: {p:.4}")} title={format!("{} → {}: {n} ({})", b + 1, a + 1, fixed(p, 4))}
                                    data-p={p.to_string()}>
                                    { if n > 0 { percent(p) } else { "·".to_string() } }
                                </td>
                            }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

// -------------------------------------------------------------------------------------------------------------
// Sensitivity

/// The parameters offered, with their labels: the three source weights, the inspection share, the two tier
/// shares, and each scored indicator's weight.
fn parameters(s: &Scenario, lang: Lang) -> Vec<(String, Parameter, String)> {
    let mut out = vec![
        ("w_m".into(), Parameter::SourceWeight(Source::Members), TSim::WeightMembers.get(lang).to_string()),
        ("w_q".into(), Parameter::SourceWeight(Source::Peers), TSim::WeightPeers.get(lang).to_string()),
        ("w_h".into(), Parameter::SourceWeight(Source::Superiors), TSim::WeightSuperiors.get(lang).to_string()),
        ("a".into(), Parameter::InspectionShare, TSim::InspectionShare.get(lang).to_string()),
        ("first".into(), Parameter::TierShare(Share::First), TSim::FirstShare.get(lang).to_string()),
        ("bottom".into(), Parameter::TierShare(Share::Bottom), TSim::BottomShare.get(lang).to_string()),
    ];
    for i in s.indicators.iter().filter(|i| matches!(i.kind, IndicatorKind::Scored(_))) {
        out.push((
            format!("ind:{}", i.id),
            Parameter::IndicatorWeight(i.id.clone()),
            format!("{}{}", TSim::IndicatorWeight.get(lang), i.name),
        ));
    }
    // Grade quotas (§8): a grade's quota, for every grade a promotion can reach.
    for g in 2..=s.settings.grades.levels {
        let label = format!("{}{}", crate::i18n::pages::TQuo::SweepQuota.get(lang), s.settings.grades.name(g));
        out.push((format!("quota:{g}"), Parameter::GradeQuota(g), label));
    }
    out
}

#[function_component(Sensitivity)]
fn sensitivity() -> Html {
    let state = use_app();
    let lang = use_lang();
    let s = state.scenario().clone();
    let params = parameters(&s, lang);
    let choice = use_state(|| "a".to_string());
    let from = use_state(|| "0".to_string());
    let to = use_state(|| "1".to_string());
    let steps = use_state(|| "11".to_string());
    let period = use_state(|| None::<usize>);
    let job = use_mut_ref(|| None::<Job>);
    let run = use_state(|| Run::Idle);
    let result = use_state(|| None::<(Rc<Scenario>, Rc<SweepResult>)>);

    let on_done = {
        let (job, result, s) = (job.clone(), result.clone(), s.clone());
        Callback::from(move |_| {
            if let Some(Job::Sweep(sw)) = job.borrow_mut().take() {
                result.set(Some((s.clone(), Rc::new(sw.result()))));
            }
        })
    };
    let tick = use_sliced(job.clone(), run.clone(), on_done);
    let (summary_ref, run_ref) = (use_node_ref(), use_node_ref());
    use_focus_after(&run, summary_ref.clone(), run_ref.clone());

    let parameter = params.iter().find(|p| p.0 == *choice).map(|p| p.1.clone());
    let num = |t: &str, k| crate::model::number::parse_required(t, k);
    use crate::model::number::Kind::{Decimal, Whole};
    let spec = match (parameter, num(&from, Decimal), num(&to, Decimal), num(&steps, Whole)) {
        (Some(parameter), Ok(f), Ok(t), Ok(n))
            if n.fract() == 0.0 && (1.0..=101.0).contains(&n) && f >= 0.0 && t >= 0.0 =>
        {
            Some(SweepSpec { parameter, from: f, to: t, steps: n as u32, period: *period })
        }
        _ => None,
    };
    let start = {
        let (job, run, s, tick, spec, result) =
            (job.clone(), run.clone(), s.clone(), tick.clone(), spec.clone(), result.clone());
        Callback::from(move |_| {
            let Some(spec) = &spec else { return };
            if let Ok(sw) = Sweep::new(&s, spec) {
                let total = sw.progress().1;
                *job.borrow_mut() = Some(Job::Sweep(Box::new(sw)));
                result.set(None);
                tick.set(0);
                run.set(Run::Running { done: 0, total });
            }
        })
    };
    let cancel = {
        let (job, run) = (job.clone(), run.clone());
        Callback::from(move |_| {
            job.borrow_mut().take();
            run.set(Run::Cancelled);
        })
    };
    let on_param = {
        let (choice, from, to, s) = (choice.clone(), from.clone(), to.clone(), s.clone());
        let params = params.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            // A sensible default range around the current value.
            if let Some((_, p, _)) = params.iter().find(|p| p.0 == v) {
                let cur = p.value(&s).unwrap_or(0.0);
                let (a, b) = match p {
                    Parameter::IndicatorWeight(_) => (0.0, (cur * 2.0).max(1.0)),
                    _ => (0.0, 1.0),
                };
                from.set(crate::i18n::number(a));
                to.set(crate::i18n::number(b));
            }
            choice.set(v);
        })
    };
    let text_input = |h: &UseStateHandle<String>, testid: &'static str, label: TSim| {
        let h2 = h.clone();
        let oninput =
            Callback::from(move |e: InputEvent| h2.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()));
        html! {
            <label class="inline">{ label.get(lang) }
                <input class="short" value={(**h).clone()} {oninput} data-testid={testid} inputmode="decimal" />
            </label>
        }
    };
    let on_period = {
        let period = period.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            period.set(v.parse::<usize>().ok());
        })
    };
    let running = matches!(*run, Run::Running { .. });
    html! {
        <section class="card sens" data-testid="sensitivity">
            <h3>{ TSim::SensTitle.get(lang) }</h3>
            <p class="muted">{ TSim::SensIntro.get(lang) }</p>
            <div class="controls">
                <label class="inline">{ TSim::Parameter.get(lang) }
                    <select onchange={on_param} data-testid="sweep-parameter">
                        { for params.iter().map(|(k, _, label)| html! { <option value={k.clone()} selected={*k == *choice}>{ label.clone() }</option> }) }
                    </select>
                </label>
                { text_input(&from, "sweep-from", TSim::From) }
                { text_input(&to, "sweep-to", TSim::To) }
                { text_input(&steps, "sweep-steps", TSim::Steps) }
                <label class="inline">{ T::Period.get(lang) }
                    <select onchange={on_period} data-testid="sweep-period">
                        { for s.periods.iter().enumerate().rev().map(|(i, p)| html! {
                            <option value={i.to_string()} selected={*period == Some(i) || (period.is_none() && i + 1 == s.periods.len())}>{ p.name.clone() }</option>
                        }) }
                    </select>
                </label>
                <button class="primary" onclick={start} disabled={running || spec.is_none()} data-testid="run-sweep" ref={run_ref}>{"▶ "}{ TSim::Sweep.get(lang) }</button>
                if running {
                    <button class="ghost" onclick={cancel} data-testid="cancel-sweep">{"■ "}{ TSim::Cancel.get(lang) }</button>
                }
            </div>
            if spec.is_none() {
                <p class="field-error" role="alert" data-testid="sweep-error">{ TSim::BadRange.get(lang) }</p>
            }
            { progress_bar(&run, lang, "sweep-progress") }
            if let Some((sc, r)) = &*result {
                <p class="done" data-testid="sweep-done" tabindex="-1" ref={summary_ref}>{"✓ "}{ TSim::SweepDone.get(lang) }</p>
                { sweep_view(sc, r, params.iter().find(|p| p.1 == r.parameter).map_or("", |p| p.2.as_str()), lang) }
            }
        </section>
    }
}

fn tier_icon(t: Option<Tier>) -> &'static str {
    match t {
        Some(Tier::First) => "▲",
        Some(Tier::Middle) => "●",
        Some(Tier::Bottom) => "▼",
        None => "–",
    }
}

fn sweep_view(s: &Scenario, r: &SweepResult, parameter: &str, lang: Lang) -> Html {
    let name = |id: &str| s.branch(id).map_or(id.to_string(), |b| b.name.clone());
    html! {
        <div class="sweep-result">
            { crate::ui::charts::tau::tau_chart(r, parameter, lang) }
            <div class="table-wrap">
                <table class="data compact" data-testid="sweep-table">
                    <thead>
                        <tr>
                            <th class="num">{ TSim::Value.get(lang) }</th>
                            <th class="num">{ TSim::Tau.get(lang) }</th>
                            <th>{ TSim::TierChanges.get(lang) }</th>
                            <th>{ TSim::GradeChanges.get(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.steps.iter().map(|st| {
                            let current = (st.value - r.current).abs() < 1e-9;
                            html! {
                                <tr data-testid="sweep-step" data-value={st.value.to_string()} data-tau={st.tau.map(|t| t.to_string()).unwrap_or_default()}
                                    class={classes!(current.then_some("selected"))}>
                                    <td class="num">{ fixed(st.value, 3) }{ if current { format!(" ({})", TSim::Current.get(lang)) } else { String::new() } }</td>
                                    <td class="num">{ st.tau.map_or_else(|| "—".into(), |t| fixed(t, 3)) }</td>
                                    <td>{ st.tier_changed.iter().map(|b| name(b)).collect::<Vec<_>>().join("、") }</td>
                                    <td>{ st.grade_changed.iter().map(|b| name(b)).collect::<Vec<_>>().join("、") }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <h4>{ TSim::TierMap.get(lang) }</h4>
            <div class="table-wrap">
                <table class="data compact tier-map" data-testid="sweep-tier-map">
                    <thead>
                        <tr>
                            <th>{ TSim::Branch.get(lang) }</th>
                            <th>{ TSim::Current.get(lang) }</th>
                            { for r.steps.iter().map(|st| html! { <th class="num">{ fixed(st.value, 2) }</th> }) }
                        </tr>
                    </thead>
                    <tbody>
                        { for r.branches.iter().enumerate().map(|(i, id)| {
                            let base = r.baseline.tiers.get(i).copied().flatten();
                            html! {
                                <tr>
                                    <td class="name">{ name(id) }</td>
                                    <td class={classes!("tcell", base.map(|t| format!("tier-{}", t.as_str())))}
                                        title={base.map_or(TSim::NotAssessed.get(lang).to_string(), |t| tier_word(t, lang).to_string())}>{ tier_icon(base) }</td>
                                    { for r.steps.iter().map(|st| {
                                        let t = st.point.tiers.get(i).copied().flatten();
                                        let changed = t != base;
                                        html! {
                                            <td class={classes!("tcell", t.map(|t| format!("tier-{}", t.as_str())), changed.then_some("changed"))}
                                                title={t.map_or(TSim::NotAssessed.get(lang).to_string(), |t| tier_word(t, lang).to_string())}>{ tier_icon(t) }</td>
                                        }
                                    }) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
