// Package forecast answers the release manager's question "how likely is it
// that everything is ready by the release date, and what drives that?" by
// Monte Carlo simulation over a schedule network of package schedule.
//
// # Method
//
// The network is checked and compiled once (NewModel, or Run which does
// both). Each iteration then
//
//  1. samples a duration for every activity with a three-point estimate
//     (optimistic a, most likely m, pessimistic b, in workdays) from the
//     chosen Distribution: Triangular, PERT (beta with shape parameters
//     1+4(m-a)/(b-a) and 1+4(b-m)/(b-a)) or Uniform; activities without an
//     estimate keep their fixed duration;
//  2. decides for every Risk whether it occurs (with its Probability, a
//     fraction from 0 to 1: divide a risk log's percentage by 100) and, if
//     it does, adds one sampled Delay to the duration of each activity the
//     risk names;
//  3. runs the early (forward) pass of package schedule's critical-path
//     engine with these durations (schedule.Pass.RunEarly, no
//     allocation; the late pass is not needed, see Criticality);
//  4. records the finish: the last workday of the release work (every
//     activity not after the release, as schedule.Result.Ready), or of the
//     whole network when every activity is after the release;
//  5. marks the critical activities (see Criticality) and adds the
//     iteration to exact integer sums for the sensitivity figures.
//
// # Whole workdays
//
// The engine schedules in whole workdays, so every sample is rounded up:
// the duration is the ceiling of a continuous sample X drawn by inverting
// the distribution's CDF, and a rounded sample is at most k exactly when X
// is (P(d <= k) = F(k) for every whole k). Work of 2.3 days occupies three
// workdays. This biases the mean up by about half a workday per activity
// compared with the continuous analytics ((a+m+b)/3 for the triangular
// distribution, (a+4m+b)/6 for PERT): E[X] <= E[d] < E[X]+1. Triangular and
// uniform samples are inverted in closed form; PERT through a table of
// its CDF at every whole workday (regularised incomplete beta), which is
// exact for the rounded sample (estimates wider than 4,096 workdays use
// evenly spread knots and linear interpolation).
//
// # Determinism
//
// Iteration i draws its random numbers from its own PCG stream
// (math/rand/v2) seeded from hashes of (Seed, i), and every sum the Result
// is built from is an exact integer sum (a 128-bit one where needed), so
// the same seed gives the same Result whatever the number of workers and
// however the iterations are split among them. Each estimate draws one
// number and each risk two (occurrence, delay), in input order, whether
// or not they are needed: changing the values of one estimate or risk
// leaves the samples of the others unchanged (common random numbers),
// which makes what-if comparisons between runs with the same seed sharp.
//
// A network without a start date is scheduled backwards by package
// schedule; a forecast anchors it at the start of its deterministic
// (backward) schedule and simulates forwards from there.
//
// # Figures
//
// The Result has the S-curve (one point per finish date that occurred,
// with its cumulative probability), a histogram by workday, week or month,
// the probability of finishing by the deadline, the P50, P80 and P95 dates
// (Percentile(p) for any other: the earliest date by which at least a
// share p of the iterations had finished), the mean and the deterministic
// critical-path finish for comparison (with the network's own durations,
// which need not equal the most likely values, and no risk).
//
// Criticality: in each iteration an activity is critical when it lies on
// a driving chain of the finish. The chains are traced backwards from the
// release work that finishes last, through every link that sets its
// successor's early start (FS, SS) or early finish (FF, SF) exactly. This
// is zero total float measured against the iteration's own finish rather
// than against the deadline or finish-no-later-than dates (against the
// deadline every activity would be critical in an iteration that misses
// it, and none in one with room to spare). Ties make several chains
// critical at once. Without date constraints this is exactly the zero
// float that schedule.Pass.RunFromFinish computes (a test checks it); the
// tracing needs only the early pass. Work after the release never moves
// the release date and is never critical (unless every activity is after
// the release). The criticality index is the share of iterations in which
// the activity was critical.
//
// Sensitivity (tornado data): for each varied activity, the mean project
// length over the iterations whose sample fell in the bottom decile of its
// distribution (the uniform number behind the sample below 0.1) and in
// the top decile (at least 0.9); for each risk, the mean length without
// and with it. High minus Low (Swing) is how many workdays the input
// moves the finish; Result.Tornado ranks by it. Pearson's correlation of
// the sampled duration (or the 0/1 occurrence) with the length is given
// as well. Deciles and conditional means were preferred to Spearman's
// rank correlation because they are in workdays and need only a few exact
// sums per activity, instead of every sample of every activity. Both
// carry sampling noise: an input that never drives the finish still shows
// a swing of the order of StdDevWorkdays times sqrt(20/Iterations).
//
// # Cost
//
// Each worker holds its own buffers, allocated once per run; an iteration
// allocates nothing. Run uses every core by default (Options.Workers),
// stops promptly when its context is cancelled (returning ctx.Err() after
// every worker has stopped) and reports progress through
// Options.Progress at most every ProgressInterval.
package forecast
