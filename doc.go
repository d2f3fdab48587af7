// Package rollout models a release manager's rollout and deployment plan:
// everything that must happen around a committed release date, as the MSF
// for CMMI activity "Create Rollout and Deployment Plan" (CMMI-DEV level 2,
// Project Planning SP 2.4) describes it.
//
// The root package holds only this overview; the API lives in the
// subpackages. See the README for the package map.
package rollout
