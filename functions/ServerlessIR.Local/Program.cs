using ServerlessIR.Local.Commands;

return await Cli.RunAsync(args, Console.Out, Console.Error);
