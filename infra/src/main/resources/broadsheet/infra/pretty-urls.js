// CloudFront Function (viewer request, cloudfront-js-2.0) for the site's pretty URLs.
// Pages are stored as <path>/index.html; readers use <path>/.
//   /                -> /index.html
//   /world/x/        -> /world/x/index.html
//   /world/x         -> 301 to /world/x/ (the canonical URL, query string kept)
//   /feed.xml, /static/site.css -> unchanged
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    if (uri.endsWith('/')) {
        request.uri = uri + 'index.html';
        return request;
    }
    var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
    if (lastSegment.indexOf('.') === -1) {
        return {
            statusCode: 301,
            statusDescription: 'Moved Permanently',
            headers: {
                location: { value: uri + '/' + queryString(request.querystring) },
                'cache-control': { value: 'public, max-age=3600' }
            }
        };
    }
    return request;
}

function queryString(querystring) {
    var parts = [];
    for (var name in querystring) {
        var entry = querystring[name];
        var values = entry.multiValue ? entry.multiValue : [entry];
        for (var i = 0; i < values.length; i++) {
            parts.push(values[i].value === '' ? name : name + '=' + values[i].value);
        }
    }
    return parts.length === 0 ? '' : '?' + parts.join('&');
}
