package io.plumbery.providers.jclouds.cloud;

/** One machine size of a cloud's table: its name there, its virtual CPUs and its memory. */
public record Size(String name, int vcpus, int memoryMb) {

    /** {@code t3.medium (2 vCPU, 4 GiB)}. */
    public String describe() {
        return name + " (" + vcpus + " vCPU, " + (memoryMb >= 1024 ? memoryMb / 1024 + " GiB" : memoryMb + " MiB") + ")";
    }
}
