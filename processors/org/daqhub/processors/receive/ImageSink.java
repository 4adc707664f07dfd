package org.daqhub.processors.receive;

/** Receives the metadata of every image once its pixels are in the buffer. */
@FunctionalInterface
public interface ImageSink {
    void onImage(ImageMetadata image);
}
