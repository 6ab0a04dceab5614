package io.plumbery.runtime.chronos.state;

import io.plumbery.runtime.chronos.job.Job;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Jobs as {@code <path>/jobs/<name>} (the job's JSON) and the framework id as {@code <path>/framework_id}. */
public final class ZkJobStore implements JobStore {
    private final CuratorFramework curator;
    private final String path;

    public ZkJobStore(CuratorFramework curator, String path) {
        this.curator = curator;
        this.path = path;
    }

    @Override
    public List<Job> jobs() {
        try {
            if (curator.checkExists().forPath(path + "/jobs") == null) {
                return List.of();
            }
            List<Job> out = new ArrayList<>();
            for (String name : curator.getChildren().forPath(path + "/jobs")) {
                try {
                    out.add(Job.fromStored(curator.getData().forPath(path + "/jobs/" + name)));
                } catch (KeeperException.NoNodeException removedMeanwhile) {
                    // deleted between listing and reading: not a job any more
                }
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Reading the jobs under " + path + " failed", e);
        }
    }

    @Override
    public void put(Job job) {
        write(path + "/jobs/" + job.name(), job.stored());
    }

    @Override
    public void remove(String name) {
        try {
            curator.delete().guaranteed().forPath(path + "/jobs/" + name);
        } catch (KeeperException.NoNodeException gone) {
            // already removed
        } catch (Exception e) {
            throw new IllegalStateException("Removing job " + name + " failed", e);
        }
    }

    @Override
    public Optional<String> frameworkId() {
        try {
            return Optional.of(new String(curator.getData().forPath(path + "/framework_id"), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException none) {
            return Optional.empty();
        } catch (Exception e) {
            throw new IllegalStateException("Reading the framework id failed", e);
        }
    }

    @Override
    public void frameworkId(String id) {
        write(path + "/framework_id", id.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String node, byte[] data) {
        try {
            curator.create().orSetData().creatingParentsIfNeeded().forPath(node, data);
        } catch (Exception e) {
            throw new IllegalStateException("Writing " + node + " failed", e);
        }
    }
}
