using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace ReversePaas.Host.Auth;

/// <summary>Registers API-key authentication and the role policies.</summary>
internal static class AuthServiceCollectionExtensions
{
    /// <summary>Policy: Ops only (plugin reload and other operator actions).</summary>
    public const string OpsPolicy = "Ops";

    /// <summary>Policy: platform internals (plugins, catalog) are for Ops, System and CustomerService.</summary>
    public const string PlatformReadPolicy = "PlatformRead";

    public static IServiceCollection AddApiKeyAuth(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = new ApiKeyOptions();
        configuration.GetSection("Auth").Bind(options);
        services.AddSingleton(new ApiKeyRegistry(options.ApiKeys));
        if (!environment.IsDevelopment())
        {
            // Dev keys live in appsettings.Development.json only; outside Development every key is deliberate.
            services.AddHostedService<ApiKeyStartupCheck>();
        }

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(OpsPolicy, p => p.RequireRole(Roles.Ops))
            .AddPolicy(PlatformReadPolicy, p => p.RequireRole(Roles.Ops, Roles.System, Roles.CustomerService));
        return services;
    }
}
