using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Lists an enum's names in its OpenAPI schema. The generator describes enums only for the framework's own string-enum
/// converter; with <see cref="EnumNameConverter"/> in its place the schemas would say nothing about the accepted values.
/// </summary>
internal sealed class EnumNameSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) ?? context.JsonTypeInfo.Type;
        if (type.IsEnum && schema.Enum is not { Count: > 0 })
        {
            schema.Enum = [.. Enum.GetNames(type).Select(name => (JsonNode)JsonValue.Create(name))];
        }

        return Task.CompletedTask;
    }
}
