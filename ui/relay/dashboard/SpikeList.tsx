/**
 * Spikes raised on the dashboard. Members of the communications role can publish one as a company
 * banner (messages in English and French, prefilled, editable); the banner's key
 * 'spike:<kind>:<key>:<ISO week>' makes publishing twice the same week answer the first banner.
 * Others are told that the communications team sees the spike too.
 */
import * as React from 'react';
import { mergeStyles, mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { DefaultButton, PrimaryButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import type { FeedbackPolicy, PolicyOption, SpikePolicy } from '../../../core/policy/types';
import type { Banner } from '../../../core/relay/model';
import { Spike, spikeBannerKey, spikeBannerText } from '../../../core/relay/spikes';
import { format } from '../../../core/format';
import { RelayError } from '../../../services/relay/api';
import type { BannerApi } from '../../../services/relay/api';
import { optionLabel } from './rows';
import { errorText } from './InsightPanel';
import { hoursText } from './parts';

/** How long a spike banner stays up unless ended earlier. */
export const SPIKE_BANNER_DAYS = 7;

export interface SpikeListProps {
  spikes: Spike[];
  strings: IRelayDashboardStrings;
  locale: string;
  policy: FeedbackPolicy;
  spikePolicy: SpikePolicy;
  banners: BannerApi;
  canPublish: boolean;
  now: Date;
}

function labelsOf(options: readonly PolicyOption[], key: string): { en: string; fr: string } {
  const o = options.find(x => x.key === key);
  return o ? o.label : { en: key, fr: key };
}

const SpikeItem: React.FC<Omit<SpikeListProps, 'spikes'> & { spike: Spike }> = ({ spike, strings: s, locale, policy, spikePolicy, banners, canPublish, now }) => {
  const theme = useTheme();
  const options = spike.kind === 'category' ? policy.categories : policy.products;
  const label = optionLabel(options, spike.key, locale);
  const prefill = spikeBannerText(spike, labelsOf(options, spike.key));
  const [open, setOpen] = React.useState(false);
  const [en, setEn] = React.useState(prefill.en);
  const [fr, setFr] = React.useState(prefill.fr);
  const [busy, setBusy] = React.useState(false);
  const [published, setPublished] = React.useState<Banner | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const styles = mergeStyleSets({
    item: { padding: '8px 0', borderBottom: `1px solid ${theme.semanticColors.bodyDivider}` },
    text: { margin: 0, fontWeight: 600 },
    meta: { margin: '2px 0 0', color: theme.semanticColors.bodySubtext, fontSize: theme.fonts.small.fontSize },
    form: { marginTop: 8, display: 'grid', gap: 8 }
  });
  const text = spike.ratio === null
    ? format(s.SpikeTextNew, label, spike.windowCount, spikePolicy.windowDays, spikePolicy.baselineDays)
    : format(s.SpikeText, label, spike.windowCount, spikePolicy.windowDays, hoursText(locale, spike.ratio));
  const publish = async (): Promise<void> => {
    if (!en.trim() || !fr.trim()) {
      setError(s.ErrorBannerMessageRequired);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const endsAt = new Date(now.getTime() + SPIKE_BANNER_DAYS * 86_400_000).toISOString();
      const banner = await banners.publish({
        key: spikeBannerKey(spike), message: en.trim(), messageFr: fr.trim(), level: 'warning',
        startsAt: now.toISOString(), endsAt, source: `spike:${spike.kind}:${spike.key}`
      });
      setPublished(banner);
      setOpen(false);
    } catch (e) {
      setError(errorText(s, e instanceof RelayError ? e.code : 'unavailable'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li className={styles.item} data-testid="spike" data-spike={`${spike.kind}:${spike.key}`}>
      <p className={styles.text}>{text}</p>
      <p className={styles.meta}>{format(s.SpikeWhy, hoursText(locale, spike.z), spikePolicy.zScore)}</p>
      {published && <MessageBar messageBarType={MessageBarType.success} isMultiline>{format(s.BannerPublished, new Date(published.endsAt).toLocaleDateString(locale, { dateStyle: 'medium' }))}</MessageBar>}
      {error && <MessageBar messageBarType={MessageBarType.error} isMultiline>{error}</MessageBar>}
      {canPublish
        ? !published && (open
          ? (
            <div className={styles.form}>
              <TextField label={s.BannerMessageEn} multiline rows={2} value={en} onChange={(_e, v) => setEn(v || '')} required />
              <TextField label={s.BannerMessageFr} multiline rows={2} value={fr} onChange={(_e, v) => setFr(v || '')} required />
              <div style={{ display: 'flex', gap: 8 }}>
                <PrimaryButton disabled={busy} onClick={publish} data-testid="spike-publish-confirm">{s.PublishBanner}</PrimaryButton>
                <DefaultButton onClick={() => setOpen(false)}>{s.Cancel}</DefaultButton>
              </div>
            </div>
            )
          : <DefaultButton onClick={() => setOpen(true)} style={{ marginTop: 6 }} data-testid="spike-publish">{s.PublishAsBanner}</DefaultButton>)
        : <p className={styles.meta} data-testid="spike-communications-note">{s.SpikeCommunicationsNote}</p>}
    </li>
  );
};

export const SpikeList: React.FC<SpikeListProps> = props => {
  const theme = useTheme();
  const { spikes, strings: s } = props;
  return (
    <section aria-labelledby="relay-spikes" data-testid="spikes" style={{ margin: '16px 0' }}>
      <h2 id="relay-spikes" className={mergeStyles({ ...theme.fonts.large, margin: '0 0 4px' })}>{s.SpikesHeading}</h2>
      {spikes.length === 0
        ? <p style={{ margin: 0, color: theme.semanticColors.bodySubtext }}>{s.SpikesNone}</p>
        : <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>{spikes.map(sp => <SpikeItem key={`${sp.kind}:${sp.key}`} spike={sp} {...props} />)}</ul>}
    </section>
  );
};
