// CloudFront Function (viewer request, cloudfront-js-2.0) of the editor app under /admin/*.
// The app's files are admin/index.html, admin/app.js, admin/app.css, admin/config.json; every
// other path of the app is one of its routes and loads the app itself:
//   /admin/, /admin/callback/, /admin/callback, /admin/articles/x -> /admin/index.html
//   /admin/app.js, /admin/config.json                           -> unchanged
// The query string (the sign-in answer ?code=...&state=...) stays with the browser's URL; it is
// not part of the origin request (the cache policy forwards no query string).
function handler(event) {
    var request = event.request;
    var uri = request.uri;
    var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
    if (lastSegment.indexOf('.') === -1) {
        request.uri = '/admin/index.html';
    }
    return request;
}
