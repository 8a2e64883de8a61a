package sending_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pushcheck/pushcheck/models"
	"github.com/pushcheck/pushcheck/models/sending"
	"github.com/pushcheck/pushcheck/vendors"
)

// BenchmarkFanout measures, in one run, the sandbox APNs emulator's own
// throughput (the APNs channel's apns2 client straight to the emulator,
// DefaultSandboxConcurrency calls at a time, the dispatcher's bound for
// the sandbox), then pushes through the dispatcher and its river jobs
// to a group of 200 and of 10,000 devices, each as
// deliveries/s and as a ratio to the emulator's; and the peak RSS during
// the 10,000-device push. Run with
//
//	go test -run '^$' -bench Fanout -benchtime 1x ./models/sending/
//
// (and PUSHCHECK_TEST_DATABASE_URL set for PostgreSQL).
func BenchmarkFanout(b *testing.B) {
	ctx := context.Background()
	f := newFixture(b)
	ids := f.devices(b, 10000)
	small, err := f.store.CreateGroup(ctx, f.app.ID, "bench-200", "bench", ids[:200])
	if err != nil {
		b.Fatal(err)
	}
	large, err := f.store.CreateGroup(ctx, f.app.ID, "bench-10000", "bench", ids)
	if err != nil {
		b.Fatal(err)
	}
	registry := f.registry(b, nil)
	var emulatorRate, emulatorCPU float64
	b.Run("emulator", func(b *testing.B) {
		cpu := processCPU(b)
		emulatorRate = emulatorThroughput(b, f, registry, 10000)
		emulatorCPU = (processCPU(b) - cpu) / float64(10000*b.N)
		b.ReportMetric(emulatorCPU*1e6, "cpu-µs/delivery")
	})
	d := f.dispatcher(b, nil, sending.Options{Poll: sending.DefaultPoll})
	for _, g := range []models.DeviceGroup{small, large} {
		size := strings.TrimPrefix(g.Name, "bench-")
		b.Run("push-"+size, func(b *testing.B) {
			if size == "10000" {
				resetPeakRSS(b)
				defer profilePush(b)()
			}
			var total time.Duration
			cpu := processCPU(b)
			for b.Loop() {
				start := time.Now()
				push, _, err := d.Send(ctx, f.app, f.op, models.PushRequest{Target: models.PushTarget{Group: g.Name}, Mode: models.ModeForce, Title: "bench", Desc: "fan-out"})
				if err != nil {
					b.Fatal(err)
				}
				p, err := d.Wait(ctx, push.ID, 10*time.Minute)
				if err != nil || !p.Finished {
					b.Fatalf("%+v %v", p, err)
				}
				total += time.Since(start)
			}
			n, _ := strconv.Atoi(size)
			rate := float64(n*b.N) / total.Seconds()
			perDelivery := (processCPU(b) - cpu) / float64(n*b.N)
			b.ReportMetric(rate, "deliveries/s")
			b.ReportMetric(rate/emulatorRate, "ratio")
			// The CPU a delivery costs, against a bare call's: on a busy
			// machine, where wall-clock rates swing with the neighbours, this
			// says whether the push's own work or the machine limits it.
			b.ReportMetric(perDelivery*1e6, "cpu-µs/delivery")
			b.ReportMetric(emulatorCPU/perDelivery, "cpu-ratio")
			if size == "10000" {
				b.ReportMetric(peakRSS(b), "peak-rss-MB")
			}
		})
	}
}

// emulatorThroughput sends n notifications through the APNs channel
// alone, DefaultSandboxConcurrency at a time, and returns calls per second.
func emulatorThroughput(b *testing.B, f *fixture, registry *vendors.Registry, n int) float64 {
	ch, err := registry.Channel(models.VendorAPNs)
	if err != nil {
		b.Fatal(err)
	}
	secrets, err := f.sealer.OpenCertificateSecrets(f.cert)
	if err != nil {
		b.Fatal(err)
	}
	msg := vendors.Message{Title: "bench", Desc: "fan-out", DeliveryID: models.NewDeliveryID()}
	var total time.Duration
	for b.Loop() {
		var next atomic.Int64
		var failed atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range sending.DefaultSandboxConcurrency {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := next.Add(1); i <= int64(n); i = next.Add(1) {
					if r := ch.Send(context.Background(), f.cert, secrets, msg, fmt.Sprintf("%064x", i)); r.Outcome != vendors.Accepted {
						failed.Add(1)
					}
				}
			}()
		}
		wg.Wait()
		total += time.Since(start)
		if failed.Load() > 0 {
			b.Fatalf("%d of %d emulator calls not accepted", failed.Load(), n)
		}
	}
	rate := float64(n*b.N) / total.Seconds()
	b.ReportMetric(rate, "deliveries/s")
	return rate
}

// profilePush writes a CPU profile of the 10,000-device push alone to
// the file PUSHCHECK_FANOUT_PROFILE names, when set; it returns the stop.
func profilePush(b *testing.B) func() {
	path := os.Getenv("PUSHCHECK_FANOUT_PROFILE")
	if path == "" {
		return func() {}
	}
	out, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(out); err != nil {
		b.Fatal(err)
	}
	return func() {
		pprof.StopCPUProfile()
		if err := out.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// processCPU is the CPU time the process used so far, user and system, in
// seconds.
func processCPU(b *testing.B) float64 {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		b.Fatal(err)
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano()).Seconds()
}

// resetPeakRSS clears the kernel's high-water mark (VmHWM), so that it
// measures the push, not the set-up.
func resetPeakRSS(b *testing.B) {
	if err := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0); err != nil {
		b.Logf("peak RSS not reset (%v): it includes the set-up", err)
	}
}

// peakRSS reads VmHWM in MB.
func peakRSS(b *testing.B) float64 {
	file, err := os.Open("/proc/self/status")
	if err != nil {
		b.Fatal(err)
	}
	defer file.Close()
	sc := bufio.NewScanner(file)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				b.Fatal(err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmHWM in /proc/self/status")
	return 0
}
