using System.Net.Http.Headers;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>JSON sent with <c>Transfer-Encoding: chunked</c>: no <c>Content-Length</c> tells the server the size up front.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedContent(byte[] bytes, string mediaType = "application/json")
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(mediaType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
