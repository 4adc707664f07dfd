package org.daqhub.writer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.daqhub.processors.filewriter.WriteJob;
import org.daqhub.processors.filewriter.WriteProgress;

/**
 * The write requests this agent has seen, newest last, bounded; and kills that came before their
 * request (a request still waiting in the broker's queue), so the request is cancelled when it
 * arrives instead of the kill being lost as in the original agent.
 */
final class RecentJobs {

    private static final int PENDING_KILLS = 1000;

    private final Map<String, WriteJob> jobs;
    private final Map<String, Long> pendingKills = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > PENDING_KILLS;
        }
    };

    RecentJobs(int kept) {
        this.jobs = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, WriteJob> eldest) {
                return size() > kept && eldest.getValue().state().isFinal();
            }
        };
    }

    synchronized void add(WriteJob job) {
        jobs.put(job.requestId(), job);
        if (pendingKills.remove(job.requestId()) != null) {
            job.kill();
        }
    }

    synchronized void kill(String requestId) {
        WriteJob job = jobs.get(requestId);
        if (job != null) {
            job.kill();
        } else {
            pendingKills.put(requestId, System.currentTimeMillis());
        }
    }

    synchronized Optional<WriteJob> get(String requestId) {
        return Optional.ofNullable(jobs.get(requestId));
    }

    /** The last 20 requests: id and state. */
    /** The newest {@code n} jobs, newest first, each with its status (outcome, images, message). */
    synchronized List<WriteProgress> recent(int n) {
        List<WriteJob> all = new ArrayList<>(jobs.values());
        List<WriteProgress> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= Math.max(0, all.size() - n); i--) {
            out.add(all.get(i).status());
        }
        return out;
    }

    synchronized List<WriterAnswers.JobState> summary() {
        List<WriteJob> all = new ArrayList<>(jobs.values());
        List<WriterAnswers.JobState> out = new ArrayList<>();
        for (WriteJob j : all.subList(Math.max(0, all.size() - 20), all.size())) {
            out.add(new WriterAnswers.JobState(j.requestId(), j.state().label()));
        }
        return out;
    }
}
