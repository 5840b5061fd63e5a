import '@/components/page-theme.css';
import './style.css';
import { OptionsPage } from '@/components/options/OptionsPage';
import { renderTranslated } from '@/components/render-translated';
import { createOptionsApi } from './options-api';

const app = document.getElementById('app');
if (app) void renderTranslated(app, () => <OptionsPage api={createOptionsApi()} />);
