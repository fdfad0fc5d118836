using BenchmarkDotNet.Running;
using SocialCapital.Benchmarks;

// `footprint [people] [ties] [options]` measures one snapshot with a stopwatch and the GC; `latency [people]
// [options]` times mentor-match calls one by one (percentiles); `read DIR` times reading a dataset folder; anything
// else goes to BenchmarkDotNet (--filter, --list flat, --job dry, ...) with BigInputJob as the default job. See README.md.
if (args.Length > 0 && args[0] == "footprint") return Footprint.Run(args[1..]);
if (args.Length > 0 && args[0] == "latency") return Latency.Run(args[1..]);
if (args.Length > 0 && args[0] == "read") return ReadTimer.Run(args[1..]);
var summaries = BenchmarkSwitcher.FromAssembly(typeof(Footprint).Assembly).Run(args, BigInputJob.For(args));
// A benchmark that throws still ends in a summary: fail the process, so that the CI smoke run notices.
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
