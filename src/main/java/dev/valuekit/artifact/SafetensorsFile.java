package dev.valuekit.artifact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A safetensors file as the format defines it: the header's {@code __metadata__} strings and the
 * tensors, in the order of their bytes in the file.
 */
public record SafetensorsFile(Map<String, String> metadata, LinkedHashMap<String, Tensor> tensors) {}
