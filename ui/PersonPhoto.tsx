import * as React from 'react';
import { mergeStyleSets } from '@fluentui/react/lib/Styling';
import { useTheme } from '@fluentui/react/lib/Theme';
import { initials } from '../core/people';
import { format } from '../core/format';
import { useStrings } from './i18n';

/**
 * A person's photo, or their initials when there is none. The photo is a Blob from Graph,
 * shown through an object URL that is revoked when it is no longer needed.
 */
export const PersonPhoto: React.FC<{ name: string; photo: Blob | null; size: number }> = ({ name, photo, size }) => {
  const strings = useStrings();
  const theme = useTheme();
  const [url, setUrl] = React.useState<string | null>(null);
  React.useEffect(() => {
    if (!photo || typeof URL.createObjectURL !== 'function') {
      setUrl(null);
      return undefined;
    }
    const objectUrl = URL.createObjectURL(photo);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [photo]);
  const styles = mergeStyleSets({
    frame: {
      width: size, height: size, borderRadius: '50%', overflow: 'hidden', flexShrink: 0,
      display: 'flex', alignItems: 'center', justifyContent: 'center',
      background: theme.palette.themePrimary, color: theme.palette.white,
      fontSize: Math.round(size / 2.6), fontWeight: 600,
      border: `1px solid ${theme.semanticColors.bodyDivider}`
    },
    img: { width: '100%', height: '100%', objectFit: 'cover' }
  });
  if (url) {
    return <div className={styles.frame}><img className={styles.img} src={url} alt={format(strings.ProfilePhotoAlt, name)} /></div>;
  }
  return <div className={styles.frame} role="img" aria-label={format(strings.ProfilePhotoAlt, name)}>{initials(name)}</div>;
};
