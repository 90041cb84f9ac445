package main

import (
	"io"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
)

// newLogger builds the process logger from the flags, writing to w
// (stderr: stdout carries only the ready line). No sampling: at debug
// level every automation call is logged, and a test tool that drops
// some of them would mislead whoever reads the log.
func newLogger(level zapcore.Level, format string, w io.Writer) *zap.Logger {
	var enc zapcore.Encoder
	if format == "json" {
		ec := zap.NewProductionEncoderConfig()
		ec.EncodeTime = zapcore.RFC3339NanoTimeEncoder
		enc = zapcore.NewJSONEncoder(ec)
	} else {
		ec := zap.NewDevelopmentEncoderConfig()
		ec.EncodeTime = zapcore.RFC3339TimeEncoder
		enc = zapcore.NewConsoleEncoder(ec)
	}
	// Lock: the HTTP server logs from many goroutines, and w may be a
	// plain io.Writer in tests.
	core := zapcore.NewCore(enc, zapcore.Lock(zapcore.AddSync(w)), level)
	return zap.New(core, zap.ErrorOutput(zapcore.Lock(zapcore.AddSync(w))))
}
