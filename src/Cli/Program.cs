using SocialCapital.Cli;

return CliApp.Build().Parse(args).Invoke();
