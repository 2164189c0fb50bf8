import '@testing-library/jest-dom';
import { setIconOptions } from '@fluentui/react/lib/Styling';

// Icon fonts are registered by SharePoint, Teams or the workbench page, not in jsdom.
setIconOptions({ disableWarnings: true });
