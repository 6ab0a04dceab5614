package io.plumbery.runtime.webui;

/** One file of the pages, read once from the class path: its bytes, media type and entity tag. */
record Asset(byte[] body, String contentType, String etag) {
}
