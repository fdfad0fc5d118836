namespace SocialCapital.Api.Hosting;

/// <summary>The configuration does not allow the API to start; the message says what to set.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
