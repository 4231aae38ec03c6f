import { mount } from 'svelte'
import App from './App.svelte'
import { connect } from './lib/api/client'
import './styles/fonts.css'
import './styles/global.css'
import './styles/session.css'
import './styles/editor.css'

const target = document.getElementById('app')
if (!target) throw new Error('#app is missing from index.html')
// The transport is picked once, here; everything below gets the client from App.svelte.
const client = connect()
mount(App, { target, props: { client: client === 'no-token' ? null : client } })
