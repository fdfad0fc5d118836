namespace SocialCapital.Api.Tests.Infrastructure;

/// <summary>The snapshot check itself: member order and formatting never matter, a real change fails with the command
/// that accepts it and leaves the new document beside the committed one.</summary>
public class ApprovedFileTests
{
    [Fact]
    public void Normalise_MembersInAnotherOrderAndOtherSpacing_SameText()
    {
        Assert.Equal(ApprovedFile.Normalise("""{"b":1,"a":{"y":[2,1],"x":null}}"""),
            ApprovedFile.Normalise("{ \"a\": { \"x\": null, \"y\": [ 2, 1 ] },\r\n  \"b\": 1 }"));
        Assert.NotEqual(ApprovedFile.Normalise("""{"a":[1,2]}"""), ApprovedFile.Normalise("""{"a":[2,1]}""")); // arrays keep their order
    }

    [Fact]
    public void AssertMatches_ChangedDocument_FailsWithTheAcceptCommandAndWritesTheReceivedFile()
    {
        if (Environment.GetEnvironmentVariable(ApprovedFile.AcceptVariable) == "1") return; // accepting: nothing fails by design
        using var folder = new TempFolder();
        var approved = folder.File("doc.json");
        File.WriteAllText(approved, """{"name":"old"}""");
        var failure = Assert.ThrowsAny<Exception>(() => ApprovedFile.AssertMatches("""{"name":"new"}""", approved, "ACCEPT-COMMAND"));
        Assert.Contains("ACCEPT-COMMAND", failure.Message, StringComparison.Ordinal);
        var received = Path.ChangeExtension(approved, ".received.json");
        Assert.Contains("\"new\"", File.ReadAllText(received), StringComparison.Ordinal);
        ApprovedFile.AssertMatches("""{ "name": "old" }""", approved, "ACCEPT-COMMAND"); // unchanged: passes, tidies up
        Assert.False(File.Exists(received));
    }
}
