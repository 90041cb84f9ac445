//go:build unix

package sim_test

import "syscall"

// processCPU is this process's user+system CPU time in nanoseconds, all
// threads (the collector's workers included).
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
