package main

import (
	"slices"
	"time"
)

// latencies summarises samples; the JSON carries microseconds.
type latencies struct {
	N     int     `json:"n"`
	P50us float64 `json:"p50us"`
	P99us float64 `json:"p99us"`
	MaxUs float64 `json:"maxus"`
	Mean  float64 `json:"meanus"`
}

// summarize sorts samples in place and takes nearest-rank percentiles.
func summarize(samples []time.Duration) latencies {
	if len(samples) == 0 {
		return latencies{}
	}
	slices.Sort(samples)
	var sum time.Duration
	for _, d := range samples {
		sum += d
	}
	return latencies{
		N:     len(samples),
		P50us: us(percentile(samples, 0.50)),
		P99us: us(percentile(samples, 0.99)),
		MaxUs: us(samples[len(samples)-1]),
		Mean:  us(sum / time.Duration(len(samples))),
	}
}

// percentile of sorted samples, nearest rank.
func percentile(sorted []time.Duration, p float64) time.Duration {
	i := int(p*float64(len(sorted))+0.5) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

// median of unsorted samples (copied, not reordered).
func median(samples []time.Duration) time.Duration {
	if len(samples) == 0 {
		return 0
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	return percentile(s, 0.5)
}

func us(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e3 }

func ms(d time.Duration) float64 { return float64(d.Nanoseconds()) / 1e6 }

// ratio is a/b, 0 when b is 0 (nothing measured).
func ratio(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
