// Command service is an example HTTP service built on rollout: clients
// store rollout and deployment plans, check them at the activity's gates,
// and read their schedule and forecast as JSON. Failures are RFC 9457
// problem details (application/problem+json) whose errors point into the
// plan document with JSON Pointers (RFC 6901).
//
//	go run ./examples/service -addr 127.0.0.1:8080
//	go run ./examples/service -selftest
//
// Routes:
//
//	POST   /check?gate=exit            check a plan document without storing it
//	GET    /plans                      the stored plans: id, revision, ETag
//	POST   /plans                      store a new plan (201, Location, ETag)
//	GET    /plans/{id}                 the plan document (ETag, If-None-Match)
//	PUT    /plans/{id}                 replace it (If-Match required)
//	DELETE /plans/{id}                 remove it (If-Match optional)
//	GET    /plans/{id}/check?gate=exit the gate's report
//	GET    /plans/{id}/schedule        the critical-path schedule
//	GET    /plans/{id}/forecast?iterations=2000&seed=1&distribution=pert
//
// Status codes: 400 for a malformed document (bad JSON, unknown fields,
// wrong types), 413 for one over the size limit, 415 for a body that is
// not JSON, 422 for a well-formed plan whose content is invalid or that
// fails the gate (every finding listed), 404 for an unknown plan or route,
// 405 for a wrong method, 409 for a new plan whose ID is taken or a
// replacement whose revision is older than the stored one, 412 when
// If-Match names an ETag the plan has moved past, 428 for a PUT without
// If-Match. A plan's ETag is its plan.Plan.Fingerprint; a JSON null is a
// malformed document (400), and the decoder's size limit is told by
// validation.ErrTooLarge (413).
//
// Plans are kept in memory, guarded by a lock; a stored plan is never
// changed in place (a PUT stores a new one), so requests read it
// concurrently. The service stops gracefully on SIGINT or SIGTERM.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/rolloutkit/rollout/plan"
	"github.com/rolloutkit/rollout/plan/sample"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program: it parses the flags and serves until ctx ends, or
// runs the self-test. It returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("service", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	maxBytes := fs.Int64("max-bytes", 8<<20, "largest plan document accepted, in `bytes`")
	selftest := fs.Bool("selftest", false, "serve on a free loopback port, make a few requests, print the answers and stop")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: service [-addr host:port] [-max-bytes n] [-selftest]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	if *selftest {
		*addr = "127.0.0.1:0"
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(stderr, "service:", err)
		return 1
	}
	srv := &http.Server{
		Handler:           newServer(Options{MaxBytes: *maxBytes}),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       time.Minute,
		WriteTimeout:      5 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return ctx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()

	code := 0
	if *selftest {
		if err := selfTest(ctx, "http://"+ln.Addr().String(), stdout); err != nil {
			fmt.Fprintln(stderr, "service: self-test:", err)
			code = 1
		}
	} else {
		fmt.Fprintf(stderr, "service: listening on http://%s\n", ln.Addr())
		<-ctx.Done()
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		fmt.Fprintln(stderr, "service: shutdown:", err)
		code = 1
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintln(stderr, "service:", err)
		code = 1
	}
	return code
}

// selfTest stores the sample plan and reads its check, schedule and
// forecast, printing one line per answer.
func selfTest(ctx context.Context, base string, out io.Writer) error {
	p, err := sample.Plan()
	if err != nil {
		return err
	}
	doc, err := plan.Encode(p)
	if err != nil {
		return err
	}
	client := &http.Client{Timeout: time.Minute}
	do := func(method, path string, body []byte, v any) (int, error) {
		req, err := http.NewRequestWithContext(ctx, method, base+path, bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(out, "%s %s: %s %s\n", method, path, resp.Status, resp.Header.Get("Content-Type"))
		if v != nil {
			if err := json.Unmarshal(b, v); err != nil {
				return 0, fmt.Errorf("%s %s: %w", method, path, err)
			}
		}
		return resp.StatusCode, nil
	}
	steps := []struct {
		method, path string
		body         []byte
		want         int
		v            any
	}{
		{"POST", "/plans", doc, http.StatusCreated, nil},
		{"GET", "/plans/" + p.ID + "/check?gate=entry", nil, http.StatusOK, nil},
		{"GET", "/plans/" + p.ID + "/check?gate=exit", nil, http.StatusUnprocessableEntity, &problem{}},
		{"GET", "/plans/" + p.ID + "/schedule", nil, http.StatusOK, &struct {
			Ready    string `json:"ready"`
			Deadline string `json:"deadline"`
		}{}},
		{"GET", "/plans/" + p.ID + "/forecast?iterations=200", nil, http.StatusOK, &struct {
			OnTime float64 `json:"onTime"`
			P80    string  `json:"p80"`
		}{}},
		{"GET", "/plans/unknown", nil, http.StatusNotFound, nil},
	}
	for _, st := range steps {
		got, err := do(st.method, st.path, st.body, st.v)
		if err != nil {
			return err
		}
		if got != st.want {
			return fmt.Errorf("%s %s: status %d, want %d", st.method, st.path, got, st.want)
		}
		switch v := st.v.(type) {
		case *problem:
			fmt.Fprintf(out, "  %s: %d finding(s), first at %s\n", v.Title, len(v.Errors), v.Errors[0].Pointer)
		case nil:
		default:
			b, _ := json.Marshal(v)
			fmt.Fprintf(out, "  %s\n", b)
		}
	}
	return nil
}
