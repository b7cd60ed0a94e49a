import type { TaskStats, TasksClient } from '@tasks/client';
import { useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure, type FailureWords } from '../failure-words.js';
import {
  type CatchUpTarget,
  expectWrite,
  pollUntilCaughtUp,
  shows,
  type Write,
} from '../stats/catch-up.js';
import { FailureNotice } from './failure-notice.js';
import { DailyChart, LeadTime, StatusChart } from './stats-charts.js';

/** A write made on this page, numbered so that two equal writes are two events. */
export interface WriteEvent {
  readonly seq: number;
  readonly change: Write;
}

export interface StatsPanelProps {
  readonly client: TasksClient;
  readonly online: boolean;
  readonly lastWrite: WriteEvent | undefined;
  readonly onSignIn: () => void;
}

const timeOf = (iso: string): string => new Date(iso).toLocaleTimeString();

/** The region "Statistics": counts by status, created and completed per day, lead time. */
export const StatsPanel = ({ client, online, lastWrite, onSignIn }: StatsPanelProps) => {
  const [stats, setStats] = useState<TaskStats | undefined>(undefined);
  const [state, setState] = useState<'loading' | 'updating' | 'behind' | 'ready'>('loading');
  const [failure, setFailure] = useState<FailureWords | undefined>(undefined);
  const statsRef = useRef<TaskStats | undefined>(undefined);
  // What the statistics must come to show: the writes not yet seen counted.
  const waiting = useRef<CatchUpTarget | undefined>(undefined);
  const poll = useRef<AbortController | undefined>(undefined);

  const received = (next: TaskStats) => {
    statsRef.current = next;
    setStats(next);
    setFailure(undefined);
  };

  const refresh = async () => {
    poll.current?.abort();
    waiting.current = undefined;
    setState('loading');
    try {
      received(await client.stats());
      setState('ready');
    } catch (error) {
      setFailure(describeFailure(error, 'stats'));
      setState('ready');
    }
  };

  const catchUp = async () => {
    poll.current?.abort();
    const controller = new AbortController();
    poll.current = controller;
    setState('updating');
    try {
      const caughtUp = await pollUntilCaughtUp({
        load: (signal) => client.stats({ signal }),
        caughtUp: (next) => waiting.current === undefined || shows(next, waiting.current),
        onStats: received,
        signal: controller.signal,
      });
      waiting.current = undefined;
      setState(caughtUp ? 'ready' : 'behind');
    } catch (error) {
      if (controller.signal.aborted) return;
      waiting.current = undefined;
      setFailure(describeFailure(error, 'stats'));
      setState('ready');
    }
  };

  useEffect(() => {
    void refresh();
    return () => poll.current?.abort();
  }, [client]);

  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) void refresh();
    wasOnline.current = online;
  }, [online]);

  useEffect(() => {
    if (lastWrite === undefined) return;
    waiting.current = expectWrite(waiting.current, statsRef.current, lastWrite.change);
    void catchUp();
  }, [lastWrite]);

  const status =
    state === 'loading'
      ? 'Loading…'
      : state === 'updating'
        ? 'Updating: the statistics follow changes a few seconds behind…'
        : state === 'behind'
          ? 'The statistics may not show the latest changes yet: refresh them in a moment.'
          : stats?.asOf
            ? `As of ${timeOf(stats.asOf)}.`
            : 'No changes counted yet.';

  return (
    <section class="stats" aria-labelledby="stats-heading">
      <div class="tasks-head">
        <h2 id="stats-heading">Statistics</h2>
        <button type="button" onClick={() => void refresh()}>
          Refresh statistics
        </button>
      </div>
      <p class="quiet">{status}</p>
      {failure !== undefined && (
        <FailureNotice words={failure} onRetry={() => void refresh()} onSignIn={onSignIn} />
      )}
      {stats !== undefined && (
        <>
          <h3>By status</h3>
          <StatusChart stats={stats} />
          <h3>Created and completed per day</h3>
          <DailyChart stats={stats} />
          <h3>Lead time, from created to done</h3>
          <LeadTime stats={stats} />
        </>
      )}
    </section>
  );
};
