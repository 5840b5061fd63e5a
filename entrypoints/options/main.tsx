import '@/components/page-theme.css';
import './style.css';
import { render } from 'preact';
import { OptionsPage } from '@/components/options/OptionsPage';
import { createOptionsApi } from './options-api';

const app = document.getElementById('app');
if (app) render(<OptionsPage api={createOptionsApi()} />, app);
