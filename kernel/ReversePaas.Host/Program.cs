using ReversePaas.Host;

var app = ReversePaasApp.Build(args);
await app.RunAsync();
