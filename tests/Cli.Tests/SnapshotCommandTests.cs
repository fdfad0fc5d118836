using SocialCapital.Cli.Tests.Infrastructure;

namespace SocialCapital.Cli.Tests;

/// <summary><c>snapshot DIR --out FILE</c>, and every command reading the file in place of the folder: the same rows as
/// from the folder, a rebuild for another date, and a clear refusal (exit 3) of a foreign, truncated, damaged, stale or
/// other-version file.</summary>
public sealed class SnapshotCommandTests : IDisposable
{
    private const string AsOf = "2025-06-01";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Snapshot(string folder, params string[] extra)
    {
        var file = _temp.File(Path.GetFileName(folder) + ".scg");
        var run = CliProcess.Run(["snapshot", folder, "--out", file, "--as-of", AsOf, .. extra]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("wrote ", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
        return file;
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("areas")]
    [InlineData("brokerage", "--group", "area")]
    [InlineData("caseload")]
    public void Command_OnSnapshotFile_PrintsWhatTheFolderGives(string command, params string[] extra)
    {
        var folder = Repo.Sample("city-10k");
        var file = Snapshot(folder);

        var fromFolder = CliProcess.Run([command, folder, "--as-of", AsOf, "--format", "csv", .. extra]);
        var fromFile = CliProcess.Run([command, file, "--format", "csv", .. extra]); // the file's own date

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(fromFolder.StdOut, fromFile.StdOut);
    }

    [Fact]
    public void Command_OtherAsOfThanTheFile_RebuildsFromItsRecordsAndSaysSo()
    {
        var folder = Repo.Sample("city-10k");
        var file = Snapshot(folder);

        var fromFolder = CliProcess.Run("metrics", folder, "--as-of", "2024-01-01", "--format", "csv");
        var fromFile = CliProcess.Run("--progress", "plain", "metrics", file, "--as-of", "2024-01-01", "--format", "csv");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(fromFolder.StdOut, fromFile.StdOut);
        Assert.Contains($"holds the graph as of {AsOf}; building the one asked for (as of 2024-01-01) from its records", fromFile.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_OtherPolicyThanTheFile_RebuildsWithIt()
    {
        var folder = Repo.Sample("toy");
        var file = Snapshot(folder);
        var policy = _temp.WriteFile("policy.json", """{ "bridgingThreshold": 0.9 }""");

        var fromFolder = CliProcess.Run("ties", folder, "--as-of", AsOf, "--policy", policy, "--format", "csv");
        var fromFile = CliProcess.Run("--progress", "plain", "ties", file, "--policy", policy, "--format", "csv");

        Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
        Assert.Equal(fromFolder.StdOut, fromFile.StdOut);
        Assert.Contains("under another tie policy", fromFile.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void WhatIf_OnSnapshotFile_PrintsWhatTheFolderGives()
    {
        var folder = Repo.Sample("city-10k");
        var file = Snapshot(folder);
        var area = CsvTable.Parse(CliProcess.Run("areas", folder, "--as-of", AsOf, "--format", "csv").StdOut).Rows
            .Select(r => r[0]).First();
        string[] programme = ["--programme", $"area={area},citizens=10", "--format", "csv"];

        var fromFolder = CliProcess.Run(["what-if", folder, "--as-of", AsOf, .. programme]);
        var fromFile = CliProcess.Run(["what-if", file, .. programme]);

        Assert.True(fromFile.ExitCode == fromFolder.ExitCode, fromFile.ToString());
        Assert.Equal(fromFolder.StdOut, fromFile.StdOut);
    }

    [Fact]
    public void TrendsAndEvidence_OnSnapshotFile_PrintWhatTheFolderGives()
    {
        var folder = Repo.Sample("city-10k");
        var file = Snapshot(folder);
        string[] trends = ["--from", "2024-01-01", "--to", "2024-07-01", "--every", "3m", "--format", "csv"];

        var trendsFromFolder = CliProcess.Run(["trends", folder, .. trends]);
        var trendsFromFile = CliProcess.Run(["trends", file, .. trends]);
        var evidenceFromFolder = CliProcess.Run("evidence", folder, "--as-of", "2026-01-01", "--format", "csv");
        var evidenceFromFile = CliProcess.Run("evidence", file, "--as-of", "2026-01-01", "--format", "csv");

        Assert.True(trendsFromFile.ExitCode == 0, trendsFromFile.ToString());
        Assert.Equal(trendsFromFolder.StdOut, trendsFromFile.StdOut);
        Assert.True(evidenceFromFile.ExitCode == evidenceFromFolder.ExitCode, evidenceFromFile.ToString());
        Assert.Equal(evidenceFromFolder.StdOut, evidenceFromFile.StdOut);
    }

    [Fact]
    public void Round_OnSnapshotFile_IsRefusedAsItWritesToTheFolder()
    {
        var file = Snapshot(Repo.Sample("toy"));

        var run = CliProcess.Run("round", file, "--as-of", AsOf);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("give the folder, not a snapshot file", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_ForeignFile_SaysItIsNotASnapshotFile()
    {
        var run = CliProcess.Run("metrics", Path.Combine(Repo.Sample("toy"), "nodes.csv"));

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("is not a SocialCapital snapshot file", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public void Command_TruncatedFile_SaysTruncated()
    {
        var file = Snapshot(Repo.Sample("toy"));
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);

        var run = CliProcess.Run("metrics", file);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("is truncated", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public void Command_FlippedByte_FailsTheChecksum()
    {
        var file = Snapshot(Repo.Sample("toy"));
        var bytes = File.ReadAllBytes(file);
        bytes[64] ^= 0x01; // the first section (node ids)
        File.WriteAllBytes(file, bytes);

        var run = CliProcess.Run("metrics", file);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("is damaged: the checksum of section", run.StdErr, StringComparison.Ordinal);
        Assert.Equal("", run.StdOut);
    }

    [Fact]
    public void Command_OtherFormatVersion_AsksToRerunSnapshot()
    {
        var file = Snapshot(Repo.Sample("toy"));
        var bytes = File.ReadAllBytes(file);
        bytes[8] = 0; // the format version, little-endian at bytes 8–11: 0 is no version this build reads
        File.WriteAllBytes(file, bytes);

        var run = CliProcess.Run("areas", file);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("was made by snapshot format 0; this build reads format 1: re-run `socialcapital snapshot`", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_SourceFolderChangedSince_IsRefusedAsStale()
    {
        var folder = _temp.WriteDataset("city", ["id,kind", "a,citizen", "b,citizen"], ["source,target,kind", "a,b,friend"]);
        var file = Snapshot(folder);
        Assert.Equal(0, CliProcess.Run("metrics", file).ExitCode);

        File.AppendAllText(Path.Combine(folder, "ties.csv"), "b,a,family\n");
        var run = CliProcess.Run("metrics", file);

        Assert.True(run.ExitCode == 3, run.ToString());
        Assert.Contains("is stale: ties.csv changed", run.StdErr, StringComparison.Ordinal);
        Assert.Contains("re-run `socialcapital snapshot`", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Snapshot_WithoutOut_IsAUsageError()
    {
        var run = CliProcess.Run("snapshot", Repo.Sample("toy"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("--out", run.StdErr, StringComparison.Ordinal);
    }
}
