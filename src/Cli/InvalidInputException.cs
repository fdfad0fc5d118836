namespace SocialCapital.Cli;

/// <summary>A command-line value that names something the data does not have (an unknown id, a person of the
/// wrong kind): reported on standard error with exit code 2, like invalid data.</summary>
internal sealed class InvalidInputException(string message) : Exception(message);
