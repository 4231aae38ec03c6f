import { mount } from 'svelte'
import App from './App.svelte'
import './styles/fonts.css'
import './styles/global.css'
import './styles/session.css'
import './styles/editor.css'

const target = document.getElementById('app')
if (!target) throw new Error('#app is missing from index.html')
mount(App, { target })
