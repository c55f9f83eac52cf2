using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReversePaas.Host.PluginPackages;

/// <summary>
/// Describes the package upload's body in the OpenAPI document: the route takes the <c>.rpplugin</c> bytes as
/// <c>application/zip</c>. Declared here rather than with <c>Accepts</c>, because endpoint content-type metadata makes
/// the router answer another media type with its own bare 415 before <see cref="Validation.RequestBodyGuard"/> can
/// answer the problem details every other route gives.
/// </summary>
internal sealed class PluginPackageBodyTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptsPluginPackage>().FirstOrDefault() is { } package)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Description = $"The package, as 'reversepaas plugin pack' writes it (<id>.<version>.rpplugin), at most {package.MaxBytes} bytes.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [AcceptsPluginPackage.MediaType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                },
            };
        }

        return Task.CompletedTask;
    }
}
