// Package schedule is the scheduling engine of rollout: the critical path
// to the release date, explanations of what drives it, and resource
// levelling. It knows nothing of requirements or risks; it takes its own
// small input types.
package schedule
